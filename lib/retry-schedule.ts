/**
 * The one retry schedule, for webhook events and customer messages alike: five retries spread geometrically
 * from 1 s to 1 h (about 1 s, 8 s, 1 min, 8 min, 1 h), so a failing event lives more than an hour before it
 * is dead and outlasts an outage of that length.
 */
export const MAX_RETRIES = 5
const FIRST_DELAY_MS = 1_000
const LAST_DELAY_MS = 60 * 60 * 1_000
const GROWTH = (LAST_DELAY_MS / FIRST_DELAY_MS) ** (1 / (MAX_RETRIES - 1))
/** Delays stretch by up to this fraction, so a burst of failures does not retry in lockstep. */
const JITTER = 0.2

/** The delay before retry number `retry` (1-based) without jitter. */
export function nominalRetryDelayMs(retry: number): number {
  const step = Math.min(Math.max(retry, 1), MAX_RETRIES) - 1
  return Math.round(FIRST_DELAY_MS * GROWTH ** step)
}

/** The delay before retry number `retry`: the nominal delay stretched by up to 20 %, never above 1 h. */
export function retryDelayMs(retry: number, random: () => number = Math.random): number {
  return Math.min(LAST_DELAY_MS, Math.round(nominalRetryDelayMs(retry) * (1 + JITTER * random())))
}
