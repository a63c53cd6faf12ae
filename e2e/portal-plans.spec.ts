import { expect, test, type Page } from '@playwright/test'
import { APP_PORT } from '../playwright.config'
import { startForwardingProxy, type ForwardingProxy } from './forwarding-proxy'
import { signInAs } from './sign-in'

const dollars = (text: string) => Math.round(Number(text.replace(/[^0-9.-]/g, '')) * 100)
const SCREENSHOTS = 'docs/screenshots/billing'
const APP_AT_LOOPBACK_IP = `http://127.0.0.1:${APP_PORT}`
const PROXY_PORT = 3191

/** The preview requests the page makes, by the price asked about. */
function recordPreviewRequests(page: Page): string[] {
  const asked: string[] = []
  page.on('request', (request) => {
    if (request.method() === 'POST' && new URL(request.url()).pathname === '/api/billing/preview') asked.push(JSON.parse(request.postData() ?? '{}').priceId)
  })
  return asked
}

test('a customer previews plans while choosing, one request per choice, confirms, and the admin sees it audited', async ({ page }) => {
  await signInAs(page, 'alice@example.com')
  await expect(page.getByTestId('current-plan-name')).toHaveText('Starter')
  const asked = recordPreviewRequests(page)

  await page.getByRole('button', { name: 'Switch to Pro', exact: true }).click()
  const preview = page.getByRole('region', { name: 'Plan change preview' })
  await expect(preview).toContainText('Remaining time on Pro')
  await expect(preview).toContainText('Credit for unused time on Starter')
  await expect(page.getByTestId('preview-next-invoice')).toHaveText('$79.00')
  const monthly = dollars(await page.getByTestId('preview-amount-due').innerText())
  expect(monthly).toBeGreaterThan(0)
  await page.screenshot({ path: `${SCREENSHOTS}/previewing-change.png`, fullPage: true })

  // Another choice gets its own quote; going back shows the cached one without asking again.
  await page.getByText('Yearly', { exact: true }).click()
  await page.getByRole('button', { name: 'Switch to Pro yearly' }).click()
  await expect(page.getByTestId('preview-next-invoice')).toHaveText('$790.00')
  expect(dollars(await page.getByTestId('preview-amount-due').innerText())).toBeGreaterThan(monthly)
  await page.getByText('Monthly', { exact: true }).click()
  await page.getByRole('button', { name: 'Switch to Pro', exact: true }).click()
  await expect(page.getByTestId('preview-amount-due')).toHaveText(new RegExp(`${(monthly / 100).toFixed(2).replace('.', '\\.')}`))
  expect(asked).toHaveLength(2)
  expect(new Set(asked).size).toBe(2)

  await page.getByRole('button', { name: 'Confirm change to Pro' }).click()
  await expect(page.getByRole('status')).toHaveText('You are now on Pro.')
  await expect(page.getByTestId('current-plan-name')).toHaveText('Pro')

  // The invoice Stripe raised for the change charges exactly the previewed amount.
  const invoices = page.getByRole('region', { name: 'Invoices' })
  await expect(invoices.getByRole('row')).toHaveCount(3)
  expect(dollars(await invoices.getByRole('row').nth(1).getByRole('cell').nth(2).innerText())).toBe(monthly)

  await page.getByRole('button', { name: 'Sign out' }).click()
  await signInAs(page, 'admin@example.com')
  await expect(page).toHaveURL(/\/admin$/)
  await page.goto('/admin/audit')
  await expect(page.getByTestId('audit-row').filter({ hasText: 'subscription.plan_changed' })).toHaveCount(1)
  await expect(page.getByTestId('audit-row').filter({ hasText: 'plan_change.confirmed' })).toHaveCount(1)
})

// Behind a proxy that reaches the app at an internal name and forwards the browser's host (TRUST_PROXY=on).
test.describe('behind a forwarding proxy', () => {
  let proxy: ForwardingProxy
  test.use({ baseURL: `http://127.0.0.1:${PROXY_PORT}` })
  test.beforeAll(async () => {
    proxy = await startForwardingProxy(`http://localhost:${APP_PORT}`, PROXY_PORT)
  })
  test.afterAll(() => proxy.close())

  test('a downgrade waits for the end of the period and can be undone; cancel and resume', async ({ page }) => {
    await signInAs(page, 'carol@example.com')
    await expect(page.getByTestId('current-plan-name')).toHaveText('Pro')
    await page.getByRole('button', { name: 'Switch to Free' }).click()
    await expect(page.getByTestId('preview-amount-due')).toHaveText('$0.00')
    await page.getByRole('button', { name: 'Change to Free at the end of the period' }).click()
    await expect(page.getByRole('status')).toContainText('Your plan changes to Free at the end of this period')
    await expect(page.getByTestId('scheduled-change')).toHaveText(/^Changes to Free on \d{1,2} \w{3}|^Changes to Free on \w{3} \d{1,2}/)
    await expect(page.getByTestId('current-plan-name')).toHaveText('Pro')
    await expect(page.getByRole('button', { name: 'Switch to Starter', exact: true })).toBeDisabled()
    await page.screenshot({ path: `${SCREENSHOTS}/pending-downgrade.png`, fullPage: true })

    await page.getByRole('button', { name: 'Undo change to Free' }).click()
    await expect(page.getByTestId('scheduled-change')).toHaveCount(0)
    await expect(page.getByRole('button', { name: 'Switch to Starter', exact: true })).toBeEnabled()

    await page.getByRole('button', { name: 'Cancel subscription' }).click()
    await page.getByLabel('Why are you leaving? (optional)').fill('Moving our team to another tool')
    await page.getByRole('button', { name: 'Cancel at period end' }).click()
    await expect(page.getByRole('status')).toContainText('You keep Pro until the end of this period')
    await expect(page.getByTestId('current-plan-status')).toHaveText('Canceled, active until the period ends')
    await expect(page.getByRole('button', { name: 'Switch to Starter', exact: true })).toBeDisabled()

    await page.getByRole('button', { name: 'Resume subscription' }).click()
    await expect(page.getByRole('status')).toHaveText('Your Pro plan will keep renewing.')
    await expect(page.getByTestId('current-plan-status')).toHaveText('Active')
  })

  test('a user without a subscription subscribes through Checkout, and Checkout returns to the proxy’s address', async ({ page }) => {
    await signInAs(page, 'frank@example.com')
    await expect(page.getByText('You have no subscription yet')).toBeVisible()
    const origin = new URL(page.url()).origin
    const resume = await page.request.post('/api/billing/resume', { data: {}, headers: { origin } })
    expect(resume.status()).toBe(409)
    expect(await resume.json()).toEqual({ error: { code: 'no_subscription', message: expect.any(String) } })
    await page.getByRole('button', { name: 'Subscribe to Starter', exact: true }).click()
    await expect(page.getByRole('heading', { name: 'Subscribe' })).toBeVisible()
    await page.getByRole('button', { name: 'Visa 4242 (pays)' }).click()
    await expect(page).toHaveURL(`http://127.0.0.1:${PROXY_PORT}/billing?checkout=success`)
    await expect(page.getByTestId('current-plan-name')).toHaveText('Starter')
    await expect(page.getByRole('status')).toHaveText('Thank you! Your subscription is active.')
    await expect(page.getByRole('button', { name: 'Starter is your current plan' })).toBeDisabled()
    const summary = await (await page.request.get('/api/billing/subscription')).json()
    expect(summary.subscription).toMatchObject({ status: 'active', plan: { name: 'Starter', amount: 1900, interval: 'month' }, cancelAtPeriodEnd: false })
  })
})

// 127.0.0.1 is not APP_URL's host (localhost): the app takes changes from, and returns people to, either.
test.describe('at 127.0.0.1', () => {
  test.use({ baseURL: APP_AT_LOOPBACK_IP })

  test('a declined upgrade leaves the customer on their plan, and goes through once the card is replaced', async ({ page }) => {
    await signInAs(page, 'bob@example.com')
    await expect(page.getByTestId('current-plan-name')).toHaveText('Free')
    await page.getByRole('button', { name: 'Switch to Starter', exact: true }).click()
    const quoted = dollars(await page.getByTestId('preview-amount-due').innerText())
    await page.getByRole('button', { name: 'Confirm change to Starter' }).click()
    await expect(page.getByRole('alert').filter({ hasText: 'declined' })).toHaveText('Your card was declined; you are still on Free. Update your card, then confirm the change to Starter again.')
    await expect(page.getByRole('button', { name: 'Confirm change to Starter' })).toBeEnabled()
    await page.reload()
    await expect(page.getByTestId('current-plan-name')).toHaveText('Free')

    // Stripe's hosted page (the emulator's) replaces the card and sends the customer back.
    await page.getByRole('button', { name: 'Update card' }).click()
    await page.getByRole('button', { name: 'Visa 4242 (pays)' }).click()
    await expect(page).toHaveURL(`${APP_AT_LOOPBACK_IP}/billing?card=updated`)
    await expect(page.getByRole('status').filter({ hasText: 'Your card was updated' })).toBeVisible()
    await page.getByRole('button', { name: 'Switch to Starter', exact: true }).click()
    expect(dollars(await page.getByTestId('preview-amount-due').innerText())).toBe(quoted)
    await page.getByRole('button', { name: 'Confirm change to Starter' }).click()
    await expect(page.getByRole('status').filter({ hasText: 'You are now on Starter.' })).toBeVisible()
    await expect(page.getByTestId('current-plan-name')).toHaveText('Starter')
  })
})
