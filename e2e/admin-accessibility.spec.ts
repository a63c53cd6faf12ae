import { expect, test } from '@playwright/test'
import { expectNoSeriousViolations } from './axe'
import { signInAs } from './sign-in'

const ADMIN_PAGES: [string, string][] = [
  ['/admin', 'Overview'],
  ['/admin/audit', 'Billing audit log'],
  ['/admin/dlq', 'Dead-letter queue'],
  ['/admin/webhooks', 'Webhook events'],
  ['/admin/grace', 'Grace period analytics'],
  ['/admin/customers', 'Customers'],
  ['/admin/customers/00000000-0000-4000-8000-00000000c001', 'alice@example.com'],
  ['/admin/notifications', 'Notifications'],
  ['/admin/api-keys', 'API keys'],
]

test('every admin page passes an axe scan with no serious or critical violation, at desktop width and at 375 px', async ({ page }) => {
  test.setTimeout(120_000)
  await signInAs(page, 'admin@example.com')
  for (const width of [1280, 375]) {
    await page.setViewportSize({ width, height: 900 })
    for (const [path, heading] of ADMIN_PAGES) {
      await page.goto(path)
      await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible()
      await expectNoSeriousViolations(page)
    }
  }
})
