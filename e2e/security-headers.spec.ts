import { expect, test } from '@playwright/test'
import { signInAs } from './sign-in'

test('every page runs under a strict Content-Security-Policy without a single violation', async ({ page }) => {
  const violations: string[] = []
  page.on('console', (message) => {
    if (/Content[- ]Security[- ]Policy/i.test(message.text())) violations.push(message.text())
  })
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => console.error(`Content Security Policy violation: ${event.violatedDirective} ${event.blockedURI}`))
  })

  const signIn = await page.goto('/sign-in')
  const csp = signIn?.headers()['content-security-policy'] ?? ''
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/)
  expect(csp).toContain("frame-ancestors 'none'")
  expect(signIn?.headers()['x-content-type-options']).toBe('nosniff')
  expect(signIn?.headers()['referrer-policy']).toBe('strict-origin-when-cross-origin')

  await signInAs(page, 'alice@example.com')
  // The preview needs the page's scripts: it shows only if they ran under the policy.
  await page.getByRole('button', { name: /Switch to/ }).first().click()
  await expect(page.getByRole('region', { name: 'Plan change preview' })).toBeVisible()
  expect(violations).toEqual([])
})

test('API answers carry the same protective headers', async ({ request }) => {
  const health = await request.get('/api/health')
  expect(health.headers()['x-content-type-options']).toBe('nosniff')
  expect(health.headers()['x-frame-options']).toBe('DENY')
})

test('the proxy serves pages and customer calls, while a backend usage call with a server key skips it', async ({ request }) => {
  const https = { 'x-forwarded-proto': 'https' }
  const page = await request.get('/sign-in', { headers: https })
  expect(page.headers()['strict-transport-security']).toMatch(/max-age=\d+/)
  const customer = await request.post('/api/usage', { headers: https, data: { metric: 'api_calls', quantity: 1, idempotency_key: 'proxy-check' } })
  expect(customer.status()).toBe(401)
  expect(customer.headers()['strict-transport-security']).toMatch(/max-age=\d+/)
  const backend = await request.post('/api/usage', { headers: { ...https, authorization: 'Bearer bck_forged' }, data: { metric: 'api_calls', quantity: 1, idempotency_key: 'proxy-check', customer: 'cus_nobody' } })
  expect((await backend.json()).error.code).toBe('invalid_api_key')
  expect(backend.headers()['strict-transport-security']).toBeUndefined()
})

test('signing out revokes the demo session even if its cookie is replayed', async ({ page, context }) => {
  await signInAs(page, 'alice@example.com')
  const session = (await context.cookies()).find((cookie) => cookie.name === 'billing_demo_session')!
  expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax' })
  await page.getByRole('button', { name: 'Sign out' }).click()
  await context.addCookies([session])
  await page.goto('/billing')
  await expect(page).toHaveURL(/\/sign-in$/)
})
