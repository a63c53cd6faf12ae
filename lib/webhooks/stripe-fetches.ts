import 'server-only'
import type Stripe from 'stripe'
import { retrieveSubscriptionDiscounts, type SubscriptionDiscount } from '@/lib/stripe/discounts'
import { retrieveSubscription } from '@/lib/stripe/subscriptions'

/** Thrown by a handler that needs the current object from Stripe and has not got it yet. */
export class StripeFetchNeeded extends Error {
  constructor(
    readonly subscriptionId: string,
    /** The subscription itself, or its discounts with their coupons and codes. */
    readonly what: 'subscription' | 'discounts' = 'subscription',
  ) {
    super(`the ${what} of subscription ${subscriptionId} must be fetched from Stripe first`)
  }
}

/** Objects fetched from Stripe for one event, outside any database transaction. */
export class StripeFetches {
  private readonly subscriptions = new Map<string, Stripe.Subscription>()
  private readonly discountLists = new Map<string, SubscriptionDiscount[]>()

  /** The subscription as Stripe has it now; throws StripeFetchNeeded until it has been fetched. */
  subscription(id: string): Stripe.Subscription {
    const subscription = this.subscriptions.get(id)
    if (!subscription) throw new StripeFetchNeeded(id)
    return subscription
  }

  /** The subscription's discounts as Stripe has them now, coupons included; fetched like the subscription. */
  discounts(subscriptionId: string): SubscriptionDiscount[] {
    const discounts = this.discountLists.get(subscriptionId)
    if (!discounts) throw new StripeFetchNeeded(subscriptionId, 'discounts')
    return discounts
  }

  async fetch(needed: StripeFetchNeeded): Promise<void> {
    if (needed.what === 'discounts') this.discountLists.set(needed.subscriptionId, await retrieveSubscriptionDiscounts(needed.subscriptionId))
    else this.subscriptions.set(needed.subscriptionId, await retrieveSubscription(needed.subscriptionId))
  }
}

const MAX_FETCHES = 3

/**
 * Runs `work` (which opens its own transaction). When a handler needs an object from Stripe, the transaction
 * rolls back, the object is fetched with no transaction open, and `work` runs again with it: a Stripe call
 * must never hold a pooled connection, row locks or (on PGlite) the whole database for the SDK's timeout.
 */
export async function withStripeFetches<T>(work: (fetches: StripeFetches) => Promise<T>): Promise<T> {
  const fetches = new StripeFetches()
  for (let fetched = 0; ; fetched++) {
    try {
      return await work(fetches)
    } catch (error) {
      if (!(error instanceof StripeFetchNeeded) || fetched >= MAX_FETCHES) throw error
      await fetches.fetch(error)
    }
  }
}
