import { expect, type Page } from '@playwright/test'

export async function signInAs(page: Page, email: string) {
  await page.goto('/sign-in')
  await expect(page.getByText('Demo mode', { exact: true })).toBeVisible()
  await page.getByRole('button', { name: `Sign in as ${email}` }).click()
  await expect(page).not.toHaveURL(/\/sign-in/)
}
