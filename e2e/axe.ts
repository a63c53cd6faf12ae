import AxeBuilder from '@axe-core/playwright'
import { expect, type Page } from '@playwright/test'

/** An axe scan of the page as it stands: no serious or critical violation. */
export async function expectNoSeriousViolations(page: Page) {
  // Only violations are read, so axe is spared working up the passes and the inapplicable rules.
  const { violations } = await new AxeBuilder({ page }).options({ resultTypes: ['violations'] }).analyze()
  const serious = violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
  expect(serious.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`)).toEqual([])
}
