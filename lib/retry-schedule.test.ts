import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { MAX_RETRIES, nominalRetryDelayMs, retryDelayMs } from './retry-schedule'

const retries = Array.from({ length: MAX_RETRIES }, (_, index) => index + 1)

describe('the retry schedule', () => {
  it('spreads five retries geometrically from 1 s to 1 h', () => {
    expect(retries.map(nominalRetryDelayMs)).toEqual([1_000, 7_746, 60_000, 464_758, 3_600_000])
  })

  it('stretches each delay by up to 20 % and never waits more than an hour', () => {
    expect(retryDelayMs(3, () => 0)).toBe(60_000)
    expect(retryDelayMs(3, () => 1)).toBe(72_000)
    expect(retryDelayMs(5, () => 1)).toBe(3_600_000)
    expect(retryDelayMs(40, () => 1)).toBe(3_600_000)
  })

  it('keeps a failing event alive for more than an hour before it is dead, whatever the jitter', () => {
    const shortest = retries.reduce((sum, retry) => sum + retryDelayMs(retry, () => 0), 0)
    expect(shortest).toBeGreaterThan(3_600_000)
  })

  it('is the schedule the README prints', () => {
    const readme = readFileSync('README.md', 'utf8')
    const printed = retries.map((retry) => `| ${retry} | ${formatDelay(nominalRetryDelayMs(retry))} |`)
    for (const line of printed) expect(readme).toContain(line)
  })
})

function formatDelay(ms: number): string {
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`
  if (ms < 3_600_000) return `${(ms / 60_000).toFixed(1)} min`
  return `${(ms / 3_600_000).toFixed(1)} h`
}
