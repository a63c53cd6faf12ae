import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { findJob, nextRunAt } from './jobs/registry'
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

/**
 * When each retry of an event that keeps failing really runs, in ms after it arrived: a retry is due once its
 * delay has passed since the failure before it, and runs at the first run of the retry job that claims it then
 * (the run claims `claimMs` after its start and records the failure `workMs` later).
 */
function retryTimeline(arrivedAt: number, random: () => number, claimMs = 100, workMs = 100): number[] {
  const schedule = findJob('webhook-retry')!.schedule
  const times: number[] = []
  let failedAt = arrivedAt
  for (const retry of retries) {
    const dueAt = failedAt + retryDelayMs(retry, random)
    const claimedAt = nextRunAt(schedule, new Date(dueAt - claimMs - 1)).getTime() + claimMs
    times.push(claimedAt - arrivedAt)
    failedAt = claimedAt + workMs
  }
  return times
}

describe('retries on the retry job\'s schedule (every 5 minutes)', () => {
  const minutes = (ms: number) => ms / 60_000
  const arrivals = Array.from({ length: 30 }, (_, index) => Date.UTC(2026, 10, 25, 10, 0, 0) + index * 10_000 + 37)
  const jitters = [() => 0, () => 0.5, () => 1]
  const timelines = arrivals.flatMap((arrivedAt) => jitters.map((random) => retryTimeline(arrivedAt, random)))
  const ranges = retries.map((retry) => {
    const times = timelines.map((timeline) => minutes(timeline[retry - 1]!))
    return [Math.round(Math.min(...times)), Math.round(Math.max(...times))]
  })

  it('runs each retry at a run of the job, so an event is dead 85 to 90 minutes after it arrived', () => {
    expect(ranges).toEqual([[0, 5], [5, 10], [10, 15], [20, 25], [85, 90]])
  })

  it('is the timeline the README prints', () => {
    const readme = readFileSync('README.md', 'utf8')
    for (const retry of retries) {
      const [from, to] = ranges[retry - 1]!
      expect(readme).toMatch(new RegExp(`\\| ${retry} \\| [^|\\n]+ \\| [^|\\n]+ \\| ${from}–${to} min`))
    }
  })
})

function formatDelay(ms: number): string {
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`
  if (ms < 3_600_000) return `${(ms / 60_000).toFixed(1)} min`
  return `${(ms / 3_600_000).toFixed(1)} h`
}
