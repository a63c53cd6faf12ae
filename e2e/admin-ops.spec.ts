import { expect, test, type Page } from '@playwright/test'
import { signInAs } from './sign-in'

const SHOTS = 'docs/screenshots/admin'
const ALICE_ID = '00000000-0000-4000-8000-00000000c001'
const shoot = (page: Page, name: string) => page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true })

// One admin session for the whole file: each sign-in counts against the account's sign-in limit.
test.describe.configure({ mode: 'serial' })
let page: Page

test.beforeAll(async ({ browser }) => {
  page = await browser.newPage()
  await signInAs(page, 'admin@example.com')
})

test.afterAll(async () => {
  await page.context().close()
})

test('the dead-letter queue replays an event to processed and discards one with a reason, without a reload', async () => {
  const list = await page.request.get('/api/admin/webhooks/dead?type=product.updated&limit=2')
  expect(list.status()).toBe(200)
  const { events, nextCursor } = await list.json()
  expect(events).toHaveLength(2)
  expect(events[0]).toMatchObject({ type: 'product.updated', status: 'dead', attempts: 6, payload: { object: 'event' } })
  expect(typeof nextCursor).toBe('string')
  expect((await page.request.get('/api/admin/webhooks/dead?after=not-a-cursor')).status()).toBe(422)

  await page.goto('/admin/dlq')
  const replayed = page.locator('[data-event-id="evt_demo_dead_1"]')
  const discarded = page.locator('[data-event-id="evt_demo_dead_2"]')
  await expect(replayed).toContainText('6 attempts')
  await replayed.getByText('Payload').click()
  await expect(replayed.locator('pre')).toContainText('"prod_demo_retired_1"')
  await shoot(page, 'dlq')

  await page.getByRole('button', { name: 'Replay evt_demo_dead_1' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Replayed evt_demo_dead_1' })).toContainText('1 processed')
  await expect(replayed).toHaveCount(0)

  await page.getByRole('button', { name: 'Discard evt_demo_dead_2' }).click()
  await discarded.getByLabel(/Why discard/).fill('Retired product, nothing to apply')
  await discarded.getByRole('button', { name: 'Confirm discard' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Discarded evt_demo_dead_2' })).toBeVisible()
  await expect(discarded).toHaveCount(0)

  // The replay shows in the webhook stream as processed, the discard as discarded; the filters live in the URL.
  await page.goto('/admin/webhooks?type=product.updated&status=processed')
  await expect(page.getByTestId('webhook-event').filter({ hasText: 'product.updated' }).first()).toContainText('processed')
  await expect(page.getByLabel('Status')).toHaveValue('processed')
  await page.getByLabel('Status').selectOption('discarded')
  await page.getByRole('button', { name: 'Apply' }).click()
  await expect(page).toHaveURL(/status=discarded/)
  await expect(page.getByTestId('webhook-event')).toHaveCount(1)
  await page.goto('/admin/webhooks')
  await expect(page.getByTestId('webhook-event').first()).toBeVisible()
  await shoot(page, 'webhooks')
})

test('grace analytics show their figures, labelled charts with table views, and keep the range in the URL', async () => {
  await page.goto('/admin/grace?from=2026-01-01&to=2026-03-31')
  await expect(page.getByLabel('From')).toHaveValue('2026-01-01')
  await expect(page.getByText('Recovery rate')).toBeVisible()
  await expect(page.getByText('Revenue at risk now')).toBeVisible()
  const daily = page.getByRole('group', { name: /Open grace periods at the end of each day, 2026-01-01 to 2026-03-31/ })
  await daily.getByText('Table view').click()
  await expect(daily.getByRole('row')).toHaveCount(91)
  await expect(page.getByRole('group', { name: /by the week they opened/ })).toBeVisible()
  await page.goto('/admin/grace')
  await expect(page.locator('.recharts-surface').first()).toBeVisible()
  await shoot(page, 'grace')
})

test("customers are found by email or Stripe id, and a customer's page shows plan, usage, invoices and trail", async () => {
  await page.goto('/admin/customers')
  await page.getByLabel(/Email \(beginning\) or Stripe customer id/).fill('ALICE@')
  await page.getByRole('button', { name: 'Apply' }).click()
  await expect(page).toHaveURL(/q=ALICE%40/)
  await expect(page.getByRole('link', { name: 'alice@example.com' })).toBeVisible()
  await expect(page.getByRole('link', { name: 'bob@example.com' })).toHaveCount(0)
  await shoot(page, 'customers')
  const stripeId = (await page.locator('li', { hasText: 'alice@example.com' }).locator('.font-mono').innerText()).trim()
  await page.goto(`/admin/customers?q=${stripeId}`)
  await page.getByRole('link', { name: 'alice@example.com' }).click()
  await expect(page).toHaveURL(`/admin/customers/${ALICE_ID}`)
  await expect(page.getByRole('region', { name: 'Plan' })).toContainText('/ month')
  for (const section of ['Usage this period', 'Invoices', 'Grace periods', 'Notifications', 'Audit trail']) {
    await expect(page.getByRole('region', { name: section })).toBeVisible()
  }
  await expect(page.getByRole('region', { name: 'Invoices' }).getByRole('row').nth(1)).toBeVisible()
  await shoot(page, 'customer')
  expect((await page.goto('/admin/customers/00000000-0000-4000-8000-0000000fffff'))?.status()).toBe(404)
})

test('the notifications outbox filters by status in the URL', async () => {
  await page.goto('/admin/notifications?status=failed')
  await expect(page.getByLabel('Status')).toHaveValue('failed')
  await expect(page.getByRole('region', { name: 'Outbox' })).toBeVisible()
  await expect(page.getByTestId('notification').filter({ hasNotText: 'failed' })).toHaveCount(0)
  await page.getByLabel('Status').selectOption('')
  await page.getByRole('button', { name: 'Apply' }).click()
  await expect(page).toHaveURL(/\/admin\/notifications\?status=$/)
  await shoot(page, 'notifications')
})

test('an API key is shown once on creation and revoked after confirmation', async () => {
  await page.goto('/admin/api-keys')
  const name = `e2e backend ${Date.now()}`
  await page.getByLabel('Name (what will use it)').fill(name)
  await page.getByRole('button', { name: 'Create key' }).click()
  await expect(page.getByTestId('new-api-key')).toHaveText(/^bck_/)
  const row = page.getByTestId('api-key').filter({ hasText: name })
  await expect(row).toBeVisible()
  await shoot(page, 'api-keys')
  await row.getByRole('button', { name: `Revoke ${name}` }).click()
  await row.getByRole('button', { name: 'Yes, revoke' }).click()
  await expect(row).toContainText('revoked')
  await page.reload()
  await expect(page.getByTestId('new-api-key')).toHaveCount(0)
})
