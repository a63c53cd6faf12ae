import { expect, test } from '@playwright/test'
import { expectNoSeriousViolationsAtBothWidths, WIDE } from './axe'
import { signInAs } from './sign-in'

test('a customer edits their billing address, adds a VAT number, is told why a malformed one is refused, and removes a tax ID', async ({ page }) => {
  await page.setViewportSize(WIDE)
  await signInAs(page, 'carol@example.com')
  const section = page.getByRole('region', { name: 'Billing details' })
  // The demo gave Carol a VAT number and refunded part of her first invoice.
  await expect(section.getByTestId('tax-id').filter({ hasText: 'DE123456789' })).toContainText('EU VAT number')
  const invoices = page.getByRole('region', { name: 'Invoices' })
  await expect(invoices.getByTestId('invoice-row').filter({ hasText: 'Refunded $12.34' })).toContainText('$79.00')
  await expect(invoices.getByTestId('invoice-row').filter({ hasText: 'Refunded $12.34' })).toContainText('Paid')
  await section.getByRole('button', { name: 'Edit billing details' }).click()
  const form = section.getByRole('form', { name: 'Edit billing details' })
  await expectNoSeriousViolationsAtBothWidths(page)

  await form.getByLabel('Name or company').fill('Carol GmbH')
  await form.getByLabel('Billing email').fill('invoices@carol.example')
  await form.getByLabel('Street address').fill('Friedrichstraße 123')
  await form.getByLabel('Address line 2 (optional)').fill('')
  await form.getByLabel('City').fill('Berlin')
  await form.getByLabel('Postal code').fill('10117')
  await form.getByLabel('State or region (optional)').fill('')
  await form.getByLabel('Country').selectOption('DE')
  await form.getByRole('button', { name: 'Save billing details' }).click()
  await expect(section.getByRole('status').filter({ hasText: 'Billing details saved' })).toBeVisible()
  await expect(section.getByTestId('billing-address')).toHaveText(/Friedrichstraße 123\s*10117 Berlin\s*Germany/)
  await expect(section.getByTestId('billing-name')).toHaveText('Carol GmbH')

  // A reload reads them back from Stripe.
  await page.reload()
  await expect(section.getByTestId('billing-email')).toHaveText('invoices@carol.example')

  // A malformed VAT number is refused with the reason under the field, and nothing is added.
  const before = await section.getByTestId('tax-id').count()
  const add = section.getByRole('form', { name: 'Add a tax ID' })
  await add.getByLabel('Kind of tax ID').selectOption('eu_vat')
  await add.getByLabel('Number').fill('DE12')
  await add.getByRole('button', { name: 'Add tax ID' }).click()
  await expect(add.getByLabel('Number')).toHaveAttribute('aria-invalid', 'true')
  await expect(add.getByLabel('Number')).toHaveAccessibleDescription(/not a valid EU VAT number\. It should look like DE123456789/)
  await expect(section.getByTestId('tax-id')).toHaveCount(before)
  await expectNoSeriousViolationsAtBothWidths(page)

  await add.getByLabel('Number').fill('DE 811 907 980')
  await add.getByRole('button', { name: 'Add tax ID' }).click()
  const vat = section.getByTestId('tax-id').filter({ hasText: 'DE811907980' })
  await expect(vat).toContainText('EU VAT number')
  await expect(vat).toContainText('verification pending')
  await expect(add.getByLabel('Number')).not.toHaveAttribute('aria-invalid')
  await page.reload()
  await expect(vat).toBeVisible()
  await section.screenshot({ path: 'docs/screenshots/billing/billing-details.png' })
  await expectNoSeriousViolationsAtBothWidths(page)

  await section.getByRole('button', { name: 'Remove EU VAT number DE811907980' }).click()
  await expect(section.getByTestId('tax-id-status')).toHaveText('EU VAT number DE811907980 removed.')
  await page.reload()
  await expect(section.getByTestId('tax-id').filter({ hasText: 'DE811907980' })).toHaveCount(0)
})
