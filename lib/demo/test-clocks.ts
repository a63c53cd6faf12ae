import 'server-only'
import type Stripe from 'stripe'
import { env } from '@/lib/env'
import { getStripe } from '@/lib/stripe/client'

/** Names the demo seed gives its test clocks, so the demo control moves only those. */
export const DEMO_CLOCK_PREFIX = 'Demo: '
const MAX_STEP_SECONDS = 55 * 86_400

/**
 * Advances every demo test clock that is behind `to`. Stripe refuses a jump of more than two billing
 * intervals, so long moves go in steps of under two months.
 */
export async function advanceDemoTestClocks(to: number, stripe: Stripe = getStripe()): Promise<number> {
  let moved = 0
  for await (const clock of stripe.testHelpers.testClocks.list({ limit: 100 })) {
    if (!clock.name?.startsWith(DEMO_CLOCK_PREFIX) || clock.frozen_time >= to) continue
    await advanceTestClock(stripe, clock, to)
    moved += 1
  }
  return moved
}

export async function advanceTestClock(stripe: Stripe, clock: Stripe.TestHelpers.TestClock, to: number): Promise<void> {
  for (let at = clock.frozen_time; at < to; ) {
    at = Math.min(to, at + MAX_STEP_SECONDS)
    await stripe.testHelpers.testClocks.advance(clock.id, { frozen_time: at })
  }
}

/**
 * Waits (briefly) until the emulator has delivered the events the move caused, so the app has applied the
 * renewals before the daily jobs run and the page renders. Demo mode only: this is the emulator's own API.
 */
export async function waitForEmulatorDeliveries(emulatorUrl = env.STRIPE_EMULATOR_URL, timeoutMs = 15_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    const answer = await fetch(new URL('/_emulator/deliveries/pending', emulatorUrl))
    if (answer.ok && ((await answer.json()) as { pending: number }).pending === 0) return true
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  return false
}

/** What the demo control does to Stripe: every demo test clock to the app's new time, its webhooks applied. */
export async function moveDemoStripeClocks(to: number): Promise<void> {
  if ((await advanceDemoTestClocks(to)) > 0) await waitForEmulatorDeliveries()
}
