import { expect, test } from '@playwright/test'
import { signInAs } from './sign-in'

const dollars = (text: string) => Math.round(Number(text.replace(/[^0-9.-]/g, '')) * 100)

test('a customer previews a plan change, confirms it, and the admin sees it in the audit log', async ({ page }) => {
  await signInAs(page, 'alice@example.com')
  await expect(page).toHaveURL(/\/billing$/)
  await expect(page.getByTestId('current-plan-name')).toHaveText('Starter')

  await page.getByRole('button', { name: 'Switch to Pro' }).click()
  const preview = page.getByRole('region', { name: 'Plan change preview' })
  await expect(preview).toContainText('Remaining time on Pro')
  const previewed = dollars(await page.getByTestId('preview-amount-due').innerText())
  expect(previewed).toBeGreaterThan(0)

  await page.getByRole('button', { name: 'Confirm change to Pro' }).click()
  await expect(page.getByRole('status')).toHaveText('You are now on Pro.')
  await expect(page.getByTestId('current-plan-name')).toHaveText('Pro')

  // The invoice Stripe raised for the change charges exactly the previewed amount.
  const invoices = page.getByRole('region', { name: 'Invoices' })
  await expect(invoices.getByRole('row')).toHaveCount(3)
  const newest = invoices.getByRole('row').nth(1)
  expect(dollars(await newest.getByRole('cell').nth(2).innerText())).toBe(previewed)

  await page.getByRole('button', { name: 'Sign out' }).click()
  await signInAs(page, 'admin@example.com')
  await expect(page).toHaveURL(/\/admin$/)
  await page.goto('/admin/audit')
  const verified = await page.request.post('/api/admin/audit/verify', { data: {}, headers: { origin: new URL(page.url()).origin } })
  expect(await verified.json()).toMatchObject({ brokenAt: null })
  await page.reload()
  await expect(page.getByText(/hash chain intact through entry \d+/)).toBeVisible()
  const planChange = page.getByTestId('audit-row').filter({ hasText: 'subscription.plan_changed' })
  await expect(planChange).toHaveCount(1)
  await expect(page.getByTestId('audit-row').filter({ hasText: 'plan_change.confirmed' })).toHaveCount(1)
})

test('a customer gets no admin page and no admin data', async ({ page }) => {
  await signInAs(page, 'bob@example.com')
  await expect(page.getByTestId('current-plan-name')).toHaveText('Free')
  await expect(page.getByRole('link', { name: 'Audit log' })).toHaveCount(0)
  const adminPage = await page.goto('/admin/audit')
  expect(adminPage?.status()).toBe(404)
  await expect(page.getByText('subscription.')).toHaveCount(0)
  const api = await page.request.get('/api/admin/audit')
  expect(api.status()).toBe(404)
  expect(await api.json()).toEqual({ error: { code: 'no_such_route', message: expect.any(String) } })
})

test('signed-out visitors are sent to sign in, and the API says why it refuses', async ({ page, request }) => {
  await page.goto('/billing')
  await expect(page).toHaveURL(/\/sign-in$/)
  const preview = await request.post('/api/billing/preview', { data: { priceId: 'price_x' } })
  expect(preview.status()).toBe(401)
  expect((await preview.json()).error.code).toBe('unauthenticated')
  const webhook = await request.post('/api/webhooks/stripe', { data: '{}', headers: { 'stripe-signature': 't=1,v1=bad' } })
  expect(webhook.status()).toBe(400)
  expect((await webhook.json()).error.code).toBe('invalid_signature')
  // In production, cron and metrics stay shut until their secrets are configured.
  for (const path of ['/api/cron/webhook-retry', '/api/metrics']) {
    const response = await request.get(path)
    expect(response.status()).toBe(503)
    expect((await response.json()).error.code).toBe('not_configured')
  }
})

test('a declined upgrade leaves the customer on their plan, and goes through once the card is replaced', async ({ page }) => {
  await signInAs(page, 'bob@example.com')
  await expect(page.getByTestId('current-plan-name')).toHaveText('Free')
  await page.getByRole('button', { name: 'Switch to Starter' }).click()
  const quoted = dollars(await page.getByTestId('preview-amount-due').innerText())
  await page.getByRole('button', { name: 'Confirm change to Starter' }).click()
  await expect(page.getByRole('alert').filter({ hasText: 'declined' })).toHaveText('Your card was declined; you are still on Free. Update your card, then confirm the change to Starter again.')
  await expect(page.getByRole('button', { name: 'Confirm change to Starter' })).toBeEnabled()
  await page.reload()
  await expect(page.getByTestId('current-plan-name')).toHaveText('Free')

  // Stripe's hosted page (the emulator's) replaces the card and sends the customer back.
  await page.getByRole('button', { name: 'Update card' }).click()
  await page.getByRole('button', { name: 'Visa 4242 (pays)' }).click()
  await expect(page).toHaveURL(/\/billing\?card=updated$/)
  await expect(page.getByRole('status').filter({ hasText: 'Your card was updated' })).toBeVisible()
  await page.getByRole('button', { name: 'Switch to Starter' }).click()
  expect(dollars(await page.getByTestId('preview-amount-due').innerText())).toBe(quoted)
  await page.getByRole('button', { name: 'Confirm change to Starter' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'You are now on Starter.' })).toBeVisible()
  await expect(page.getByTestId('current-plan-name')).toHaveText('Starter')
})
