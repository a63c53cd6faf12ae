import { readFileSync } from 'node:fs'
import { expect, test, type Page } from '@playwright/test'
import { signInAs } from './sign-in'

const SCREENSHOTS = 'docs/screenshots/admin'

async function switchEnforcement(page: Page, to: 'on' | 'off') {
  const card = page.getByRole('region', { name: 'Grace enforcement' })
  await card.getByRole('button', { name: `Turn enforcement ${to}` }).click()
  const confirmation = card.getByRole('group', { name: 'Confirm grace enforcement change' })
  await expect(confirmation).toBeVisible()
  await confirmation.getByRole('button', { name: `Confirm: turn enforcement ${to}` }).click()
  await expect(card.getByRole('status')).toHaveText(`Grace enforcement is now ${to}. The change is in the audit log.`)
  await expect(card.getByTestId('grace-enforcement-state')).toHaveText(to)
}

test('the overview shows the billing figures, and the grace-enforcement switch asks before it turns off and back on', async ({ page }) => {
  await signInAs(page, 'admin@example.com')
  await expect(page).toHaveURL(/\/admin$/)
  await expect(page.getByRole('heading', { name: 'Overview' })).toBeVisible()
  await expect(page.getByTestId('overview-mrr')).toHaveText(/\$[\d,]+\.\d{2}/)
  await expect(page.getByTestId('overview-subscriptions')).toHaveText(/^\d+$/)
  await expect(page.getByTestId('overview-webhook-rate')).toHaveText(/^(\d+(\.\d)?%|No events)$/)
  await expect(page.getByTestId('overview-dead-letters')).toHaveText(/^\d+$/)
  await expect(page.getByTestId('overview-open-grace')).toHaveText(/^\d+$/)
  await expect(page.getByTestId('cron-job').filter({ hasText: 'webhook-retry' })).toBeVisible()
  await expect(page.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Overview' })).toHaveAttribute('aria-current', 'page')

  const card = page.getByRole('region', { name: 'Grace enforcement' })
  await expect(card.getByTestId('grace-enforcement-state')).toHaveText('on')
  await card.getByRole('button', { name: 'Turn enforcement off' }).click()
  await card.getByRole('button', { name: 'Cancel' }).click()
  await expect(card.getByTestId('grace-enforcement-state')).toHaveText('on')
  await page.screenshot({ path: `${SCREENSHOTS}/overview.png`, fullPage: true })

  await switchEnforcement(page, 'off')
  await page.reload()
  await expect(card.getByTestId('grace-enforcement-state')).toHaveText('off')
  await switchEnforcement(page, 'on')
})

test('the audit log filters by action, pages through the URL, expands a diff, verifies the chain and exports the filter', async ({ page }) => {
  await signInAs(page, 'admin@example.com')
  await page.goto('/admin/audit')
  const rows = page.getByTestId('audit-row')

  const filters = page.getByRole('search', { name: 'Filter audit log' })
  await filters.getByLabel('Action').fill('grace_enforcement.turned_off')
  await filters.getByRole('button', { name: 'Apply filters' }).click()
  await expect(page).toHaveURL(/[?&]action=grace_enforcement.turned_off/)
  await expect(rows).toHaveCount(1)
  await rows.first().getByText(/2 fields: on, source/).click()
  const diff = rows.first().getByTestId('audit-diff-row').filter({ hasText: /^on/ })
  await expect(diff.getByRole('cell')).toHaveText(['on', 'true', 'false'])

  // One entry a page: the switch made two, newest first; the cursors live in the URL, so Back returns.
  await page.goto('/admin/audit?subjectId=grace_enforcement&limit=1')
  await expect(rows).toHaveCount(1)
  await expect(rows.first()).toContainText('grace_enforcement.turned_on')
  await page.getByRole('link', { name: 'Older entries' }).click()
  await expect(page).toHaveURL(/[?&]before=\d+/)
  await expect(rows.first()).toContainText('grace_enforcement.turned_off')
  await page.getByRole('link', { name: 'Newer entries' }).click()
  await expect(page).toHaveURL(/[?&]after=\d+/)
  await expect(rows.first()).toContainText('grace_enforcement.turned_on')
  await page.goBack()
  await expect(rows.first()).toContainText('grace_enforcement.turned_off')

  await page.getByRole('button', { name: 'Verify chain' }).click()
  await expect(page.getByTestId('audit-verification')).toContainText(/hash chain intact through entry \d+/)

  const download = page.waitForEvent('download')
  await page.getByRole('link', { name: 'CSV' }).click()
  const csv = readFileSync(await (await download).path(), 'utf8').trimEnd().split('\r\n')
  expect(csv[0]).toMatch(/^id,chain_position,occurred_at,/)
  // The export takes the page's filters (the switch's entries), newest first.
  expect(csv.slice(1).map((line) => line.split(',')[5])).toEqual(['grace_enforcement.turned_on', 'grace_enforcement.turned_off'])
  expect((await download).suggestedFilename()).toMatch(/^billing-audit-log-.*\.csv$/)

  await rows.first().getByText(/fields:/).click()
  await page.screenshot({ path: `${SCREENSHOTS}/audit.png`, fullPage: true })
})
