import type Stripe from 'stripe'
import { asService } from '@/lib/db/transactions'
import { storeEvent } from '@/lib/webhooks/store'
import { eventOf, subscriptionObject } from './stripe-objects'

export const BASE_TIME = Date.parse('2026-11-01T00:00:00Z')

/** Stores `perSubscription` successive updates for each of `subscriptions` subscriptions; returns the events. */
export async function storeSubscriptionUpdates(customer: string, subscriptions: number, perSubscription: number): Promise<Stripe.Event[]> {
  const events: Stripe.Event[] = []
  const created = BASE_TIME / 1000
  for (let sub = 0; sub < subscriptions; sub++) {
    for (let step = 0; step < perSubscription; step++) {
      const subscription = subscriptionObject({ id: `sub_load_${sub}`, customer, price: `price_step_${step}`, created, cancelAtPeriodEnd: step % 2 === 1 })
      events.push(eventOf('customer.subscription.updated', subscription, created + step * 10))
    }
  }
  await asService(async (tx) => {
    for (const event of events) await storeEvent(tx, event, new Date(BASE_TIME))
  })
  return events
}

/** A small seeded PRNG, so a failure pattern is the same on every run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0
    return state / 2 ** 32
  }
}

/** A copy of `items` in an order `random` decides (Fisher–Yates). */
export function shuffle<T>(items: T[], random: () => number): T[] {
  const copy = [...items]
  for (let index = copy.length - 1; index > 0; index--) {
    const other = Math.floor(random() * (index + 1))
    ;[copy[index], copy[other]] = [copy[other]!, copy[index]!]
  }
  return copy
}
