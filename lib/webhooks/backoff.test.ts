import { describe, expect, it } from 'vitest'
import { retryDelayMs } from './backoff'

describe('webhook retry backoff', () => {
  it('starts at 1 s and doubles', () => {
    const middle = () => 0.5
    expect([1, 2, 3, 4, 5].map((attempt) => retryDelayMs(attempt, middle))).toEqual([1_000, 2_000, 4_000, 8_000, 16_000])
  })

  it('never waits more than an hour (plus jitter)', () => {
    expect(retryDelayMs(30, () => 0.5)).toBe(3_600_000)
    expect(retryDelayMs(30, () => 1)).toBe(4_320_000)
  })

  it('spreads retries by ±20 % so a burst of failures does not retry in lockstep', () => {
    expect(retryDelayMs(3, () => 0)).toBe(3_200)
    expect(retryDelayMs(3, () => 1)).toBe(4_800)
  })
})
