export const MAX_RETRIES = 5
const BASE_DELAY_MS = 1_000
const MAX_DELAY_MS = 60 * 60 * 1_000

/** Delay before retry number `attempt` (1-based): 1 s doubling, capped at 1 h, with ±20 % jitter. */
export function retryDelayMs(attempt: number, random: () => number = Math.random): number {
  const exponential = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** (attempt - 1))
  return Math.round(exponential * (0.8 + 0.4 * random()))
}
