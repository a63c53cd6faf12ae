import { expect, test, type Page } from '@playwright/test'
import { expectNoSeriousViolations, WIDE } from './axe'
import { signInAs } from './sign-in'

const shot = (page: Page, name: string) => page.screenshot({ path: `docs/screenshots/billing/${name}.png`, fullPage: true })

async function advanceDemoClock(page: Page, daysAhead: number) {
  await page.getByRole('button', { name: 'Advance 8 days' }).click()
  await expect(page.getByRole('region', { name: 'Demo clock' }).getByRole('status')).toContainText(`${daysAhead} days ahead`, { timeout: 30_000 })
}

test.describe.configure({ mode: 'serial' })

// The demo clock is the app's one clock: put it back so later specs run on real time.
test.afterAll(async ({ browser }) => {
  const page = await browser.newPage()
  await signInAs(page, 'erin@example.com')
  const reset = page.getByRole('button', { name: 'Back to real time' })
  if (await reset.isVisible()) {
    await reset.click()
    await expect(page.getByText('Demo clock: real time')).toBeVisible()
  }
  await page.close()
})

test('a customer pages through invoices, opens one and its PDF, and sees usage against quota', async ({ page }) => {
  await page.setViewportSize(WIDE)
  await signInAs(page, 'dave@example.com')
  await expect(page).toHaveURL(/\/billing$/)

  // Usage recorded as the signed-in customer: 84 % of the API quota (warning), all five seats (at the limit).
  const origin = new URL(page.url()).origin
  for (const [metric, quantity] of [['api_calls', 42_000], ['seats', 5]] as const) {
    const recorded = await page.request.post('/api/usage', { data: { metric, quantity, idempotency_key: `e2e-${metric}` }, headers: { origin } })
    expect(recorded.status()).toBe(200)
  }
  await page.reload()
  const usage = page.getByRole('region', { name: 'Usage' })
  await expect(usage.getByTestId('usage-api_calls')).toContainText('42,000 of 50,000 · over 80 % used')
  await expect(usage.getByTestId('usage-api_calls')).toHaveAttribute('data-level', 'warning')
  await expect(usage.getByTestId('usage-seats')).toContainText('5 of 5 · limit reached')
  await expect(usage.getByRole('meter', { name: 'API calls' })).toHaveAttribute('value', '42000')
  await expect(usage).toContainText('This period resets on')
  await expect(page.getByTestId('card-on-file')).toHaveText(/Mastercard|Visa|ending in \d{4}/)

  // A year of monthly invoices: ten on the first page, the rest one "Older invoices" away.
  const invoices = page.getByRole('region', { name: 'Invoices' })
  await expect(invoices.getByTestId('invoice-row')).toHaveCount(10)
  await expect(invoices.getByTestId('invoice-row').first()).toContainText('$19.00')
  await expect(invoices.getByTestId('invoice-row').first()).toContainText('Paid')
  await shot(page, 'normal')
  await expectNoSeriousViolations(page)

  const newestNumber = (await invoices.getByTestId('invoice-row').first().getByRole('cell').nth(1).innerText()).trim()
  const [hosted] = await Promise.all([page.waitForEvent('popup'), invoices.getByRole('link', { name: `View invoice ${newestNumber}` }).click()])
  await expect(hosted.getByRole('heading', { name: `Invoice ${newestNumber}` })).toBeVisible()
  await hosted.close()
  const pdfUrl = await invoices.getByRole('link', { name: `Download invoice ${newestNumber} as PDF` }).getAttribute('href')
  const pdf = await page.request.get(pdfUrl!)
  expect(pdf.headers()['content-type']).toBe('application/pdf')
  const pdfText = await pdf.text()
  expect(pdfText.startsWith('%PDF-')).toBe(true)
  expect(pdfText).toContain(`(Invoice ${newestNumber})`)

  await invoices.getByRole('link', { name: 'Older invoices' }).click()
  await expect(page).toHaveURL(/\?invoices=/)
  await expect(invoices.getByTestId('invoice-row')).toHaveCount(3)
  await expect(invoices.getByRole('link', { name: 'Older invoices' })).toHaveCount(0)
  const api = await page.request.get(`/api/billing/invoices?cursor=${encodeURIComponent(new URL(page.url()).searchParams.get('invoices')!)}`)
  expect((await api.json()).data).toHaveLength(3)
  await invoices.getByRole('link', { name: 'Newest invoices' }).click()
  await expect(invoices.getByTestId('invoice-row')).toHaveCount(10)

  // 375 px: nothing pushes the page sideways.
  await page.setViewportSize({ width: 375, height: 800 })
  await expect(usage.getByTestId('usage-api_calls')).toBeVisible()
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375)
})

test('a failed renewal shows the grace banner, which leaves once the card is replaced and the invoice paid', async ({ page }) => {
  await page.setViewportSize(WIDE)
  await signInAs(page, 'dave@example.com')
  await advanceDemoClock(page, 8)
  const banner = page.getByTestId('grace-banner')
  await expect(banner).toHaveAttribute('data-status', 'open')
  await expect(banner).toContainText('Your last payment failed')
  await expect(banner).toContainText(/\d days? left to pay \$19\.00/)
  await shot(page, 'in-grace')
  await expectNoSeriousViolations(page)

  await banner.getByRole('button', { name: 'Update card' }).click()
  await page.getByRole('button', { name: 'Visa 4242 (pays)' }).click()
  await expect(page).toHaveURL(/\/billing\?card=updated$/)
  await expect(page.getByTestId('card-on-file')).toContainText('Visa ending in 4242')
  await page.getByTestId('grace-banner').getByRole('button', { name: 'Pay now' }).click()
  // No reload: the banner refreshes itself until the paid invoice has resolved the grace period.
  await expect(page.getByTestId('grace-banner')).toHaveCount(0, { timeout: 20_000 })
  await expect(page.getByRole('region', { name: 'Invoices' }).getByTestId('invoice-row').first()).toContainText('Paid')
})

test('past the grace deadline the banner says what is limited and how to restore it', async ({ page }) => {
  await page.setViewportSize(WIDE)
  await signInAs(page, 'erin@example.com')
  const banner = page.getByTestId('grace-banner')
  await expect(banner).toHaveAttribute('data-status', 'open')
  await advanceDemoClock(page, 16)
  await expect(banner).toHaveAttribute('data-status', 'expired')
  await expect(banner).toContainText("the Free plan's limits: API calls 1,000, Seats 1")
  await expect(banner).toContainText('Pay $19.00 to restore your plan')
  const refused = await page.request.post('/api/usage', { data: { metric: 'api_calls', quantity: 2_000, idempotency_key: 'e2e-erin' }, headers: { origin: new URL(page.url()).origin } })
  expect(refused.status()).toBe(402)
  await shot(page, 'grace-expired')
  await page.setViewportSize({ width: 375, height: 800 })
  await expect(banner.getByRole('button', { name: 'Pay now' })).toBeVisible()
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375)
})
