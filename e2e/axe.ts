import AxeBuilder from '@axe-core/playwright'
import { expect, type Page } from '@playwright/test'

export const WIDE = { width: 1280, height: 900 }
export const NARROW = { width: 375, height: 800 }

/** An axe scan of the page as it stands: no serious or critical violation. */
export async function expectNoSeriousViolations(page: Page) {
  // Only violations are read, so axe is spared working up the passes and the inapplicable rules. Legacy mode
  // runs axe in the page itself rather than gathering each frame's results in a new blank page, which took
  // about 1 s of every scan's 2; what it gives up is testing cross-origin frames, and the app has no frames.
  const { violations } = await new AxeBuilder({ page }).setLegacyMode().options({ resultTypes: ['violations'] }).analyze()
  const serious = violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
  expect(serious.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`)).toEqual([])
}

/** The same scan at a desktop's width and a phone's, with nothing wider than the screen; leaves the page wide. */
export async function expectNoSeriousViolationsAtBothWidths(page: Page) {
  for (const size of [WIDE, NARROW]) {
    await page.setViewportSize(size)
    await expectNoSeriousViolations(page)
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(size.width)
  }
  await page.setViewportSize(WIDE)
}
