import { expect, test } from '@playwright/test'
import { signInAs } from './sign-in'

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
  // Cron and metrics answer only with their own secrets.
  const cron = await request.get('/api/cron/webhook-retry')
  expect(cron.status()).toBe(401)
  expect((await cron.json()).error.code).toBe('unauthorized')
  expect((await request.get('/api/cron/webhook-retry', { headers: { authorization: 'Bearer not-the-secret' } })).status()).toBe(401)
  const metrics = await request.get('/api/metrics')
  expect(metrics.status()).toBe(401)
  expect((await metrics.json()).error.code).toBe('unauthorized')
})
