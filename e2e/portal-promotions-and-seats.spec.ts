import { expect, test, type Page } from '@playwright/test'
import { expectNoSeriousViolations, expectNoSeriousViolationsAtBothWidths, NARROW, WIDE } from './axe'
import { signInAs } from './sign-in'

const dollars = (text: string) => Math.round(Number(text.replace(/[^0-9.-]/g, '')) * 100)
const shot = (page: Page, name: string) => page.screenshot({ path: `docs/screenshots/billing/${name}.png`, fullPage: true })

async function tryCode(page: Page, code: string) {
  await page.getByLabel('Promotion code').fill(code)
  await page.getByRole('button', { name: 'Apply' }).click()
}

test('a customer tries promotion codes on a plan change: refusals say why under the field, and the charge equals the discounted preview', async ({ page }) => {
  await page.setViewportSize(WIDE)
  await signInAs(page, 'paula@example.com')
  await expect(page.getByTestId('current-plan-name')).toHaveText('Starter')
  await page.getByRole('button', { name: 'Switch to Pro', exact: true }).click()
  const preview = page.getByRole('region', { name: 'Plan change preview' })
  await expect(preview).toContainText('Remaining time on Pro')
  const credit = dollars(await page.getByTestId('preview-credit').innerText())
  const charge = dollars(await page.getByTestId('preview-charge').innerText())

  const field = page.getByLabel('Promotion code')
  for (const [code, reason] of [
    ['NOSUCHCODE', 'There is no promotion code NOSUCHCODE'],
    ['SUMMER25', 'has expired'],
    ['FIRSTMONTH', 'used as many times as it allows'],
    ['STARTER15', 'does not apply to the Pro plan'],
    ['WELCOME50', 'for new customers only'],
  ] as const) {
    await tryCode(page, code)
    await expect(field).toHaveAttribute('aria-invalid', 'true')
    await expect(field).toHaveAccessibleDescription(new RegExp(reason))
  }
  await expectNoSeriousViolations(page)
  const origin = new URL(page.url()).origin
  const priceId = (await (await page.request.get('/api/billing/subscription')).json()).plans.find((plan: { name: string; interval: string }) => plan.name === 'Pro' && plan.interval === 'month').priceId
  const refused = await page.request.post('/api/billing/preview', { data: { priceId, promotionCode: 'SUMMER25' }, headers: { origin } })
  expect(refused.status()).toBe(422)
  expect(await refused.json()).toEqual({ error: { code: 'promotion_code_expired', message: expect.stringContaining('SUMMER25') } })

  await tryCode(page, 'launch20')
  await expect(page.getByRole('status').filter({ hasText: 'Promotion code LAUNCH20 applied.' })).toBeVisible()
  await expect(page.getByTestId('preview-discount')).toContainText('20% off for 3 months')
  const due = dollars(await page.getByTestId('preview-amount-due').innerText())
  // The new charge is 20 % off; the credit for unused time stays at what was paid.
  expect(Math.abs(due - (credit + Math.round(charge * 0.8)))).toBeLessThanOrEqual(1)
  await expect(page.getByTestId('preview-credit')).toHaveText(`-$${(-credit / 100).toFixed(2)}`)
  await expect(page.getByTestId('preview-next-invoice')).toHaveText('$63.20')
  await expectNoSeriousViolationsAtBothWidths(page)
  await shot(page, 'promotion-code')

  await page.getByRole('button', { name: 'Confirm change to Pro' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Pro' })).toHaveText(/You are now on Pro\.|will show here in a moment/)
  await expect(page.getByTestId('current-plan-name')).toHaveText('Pro')
  await expect(page.getByTestId('discount-terms').first()).toContainText(/20% off for 3 months, until .+ \(LAUNCH20\)/)
  const invoices = page.getByRole('region', { name: 'Invoices' })
  expect(dollars(await invoices.getByRole('row').nth(1).getByRole('cell').nth(2).innerText())).toBe(due)
  const summary = await (await page.request.get('/api/billing/subscription')).json()
  expect(summary.subscription.discounts).toEqual([expect.objectContaining({ code: 'LAUNCH20', end: expect.any(String) })])
  await shot(page, 'discount-on-plan')
  await page.setViewportSize(NARROW)
  await expectNoSeriousViolations(page)

  // The admin console's customer page shows the discount on the plan card.
  await page.getByRole('button', { name: 'Sign out' }).click()
  await signInAs(page, 'admin@example.com')
  await page.goto('/admin/customers/00000000-0000-4000-8000-0000000b6001')
  await expect(page.getByTestId('discount-terms')).toContainText(/20% off for 3 months, until .+ \(LAUNCH20\)/)
})

test('a new customer takes a promotion code to Checkout and sees what it takes off first', async ({ page }) => {
  await page.setViewportSize(WIDE)
  await signInAs(page, 'nina@example.com')
  await expect(page.getByText('You have no subscription yet')).toBeVisible()
  await tryCode(page, 'STARTER15')
  await expect(page.getByText('Promotion code STARTER15 applies to the plan you choose.')).toBeVisible()
  await page.getByRole('button', { name: 'Subscribe to Pro', exact: true }).click()
  await expect(page.getByLabel('Promotion code')).toHaveAccessibleDescription(/does not apply to the Pro plan/)

  await tryCode(page, 'WELCOME50')
  await page.getByRole('button', { name: 'Subscribe to Starter', exact: true }).click()
  const summary = page.getByRole('region', { name: 'Checkout preview' })
  await expect(summary.getByTestId('checkout-discount')).toContainText('50% off on one invoice')
  await expect(summary.getByTestId('checkout-amount-due')).toHaveText('$9.50')
  await expectNoSeriousViolationsAtBothWidths(page)
  await shot(page, 'promotion-code-checkout')

  await summary.getByRole('button', { name: 'Continue to checkout for Starter' }).click()
  await expect(page.getByRole('heading', { name: 'Subscribe' })).toBeVisible()
  await page.getByRole('button', { name: 'Visa 4242 (pays)' }).click()
  await expect(page).toHaveURL(/\/billing\?checkout=success/)
  await expect(page.getByTestId('current-plan-name')).toHaveText('Starter')
  const invoices = page.getByRole('region', { name: 'Invoices' })
  await expect(invoices.getByRole('row')).toHaveCount(2)
  expect(dollars(await invoices.getByRole('row').nth(1).getByRole('cell').nth(2).innerText())).toBe(950)
})

test('a team changes its seats with an exact preview, and cannot go below the seats in use', async ({ page }) => {
  await page.setViewportSize(WIDE)
  await signInAs(page, 'tess@example.com')
  await expect(page.getByTestId('current-plan-name')).toHaveText('Team')
  await expect(page.getByTestId('seats-paid')).toHaveText('3')
  const seats = page.getByRole('spinbutton', { name: 'Seats' })
  await seats.fill('2')
  await page.getByRole('button', { name: 'Preview seat change' }).click()
  await expect(seats).toHaveAccessibleDescription('3 seats are in use; remove 1 before going down to 2.')
  await expectNoSeriousViolations(page)

  await seats.fill('5')
  await page.getByRole('button', { name: 'Preview seat change' }).click()
  const preview = page.getByRole('region', { name: 'Seat change preview' })
  await expect(preview).toContainText('From 3 seats to 5 seats on Team')
  await expect(page.getByTestId('preview-next-invoice')).toHaveText('$60.00')
  const due = dollars(await page.getByTestId('preview-amount-due').innerText())
  expect(due).toBeGreaterThan(0)
  expect(due).toBeLessThanOrEqual(2 * 1200)
  await expectNoSeriousViolationsAtBothWidths(page)
  await shot(page, 'seats')

  await preview.getByRole('button', { name: 'Confirm 5 seats' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'seats' })).toHaveText('You now have 5 seats.')
  await expect(page.getByTestId('seats-paid')).toHaveText('5')
  await expect(page.getByTestId('usage-seats')).toContainText('3 of 5')
  const invoices = page.getByRole('region', { name: 'Invoices' })
  expect(dollars(await invoices.getByRole('row').nth(1).getByRole('cell').nth(2).innerText())).toBe(due)
  const summary = await (await page.request.get('/api/billing/subscription')).json()
  expect(summary.subscription).toMatchObject({ quantity: 5, plan: { name: 'Team' } })
})
