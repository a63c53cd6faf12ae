import 'server-only'
import { isDeepStrictEqual } from 'node:util'
import type Stripe from 'stripe'
import { auditStripeChange } from '@/lib/audit/stripe-change'
import { discountIdsOf, storeSubscriptionDiscounts } from '@/lib/billing/discounts'
import { applySubscription } from '@/lib/billing/subscription-sync'
import { fromUnixSeconds } from '@/lib/clock'
import type { Queryable } from '@/lib/db/types'
import type { SubscriptionDiscount } from '@/lib/stripe/discounts'
import type { StripeFetches } from '../stripe-fetches'

/**
 * Mirrors the subscription's discounts. Events carry only their ids, so when the ids differ from the stored ones
 * the terms (coupon, code, end) are fetched from Stripe; a discount Stripe no longer has has ended and is left out.
 */
async function mirrorDiscounts(
  tx: Queryable,
  event: Stripe.Event,
  subscription: Stripe.Subscription,
  fetches: StripeFetches,
  { userId, stored }: { userId: string | null; stored: SubscriptionDiscount[] },
) {
  const ids = discountIdsOf(subscription.discounts ?? [])
  if (isDeepStrictEqual(stored.map((discount) => discount.id), ids)) return
  const current = ids.length === 0 ? [] : fetches.discounts(subscription.id).filter((discount) => ids.includes(discount.id))
  await storeSubscriptionDiscounts(tx, subscription.id, current)
  const codes = (list: typeof current) => list.map((discount) => discount.promotionCode ?? discount.coupon.couponId)
  await auditStripeChange(tx, event, {
    action: 'subscription.discounts_changed',
    subject: { type: 'subscription', id: subscription.id },
    userId,
    before: { discounts: codes(stored) },
    after: { discounts: codes(current) },
  })
}

/**
 * Applies the subscription an event carries. Events of one second have no order Stripe guarantees, so on a
 * tie with the stored state the current subscription is fetched from Stripe and applied instead.
 */
export async function syncSubscriptionFromEvent(tx: Queryable, event: Stripe.Event, fetches: StripeFetches, action: string): Promise<void> {
  let subscription = event.data.object as Stripe.Subscription
  const version = { eventCreated: fromUnixSeconds(event.created), eventId: event.id }
  let outcome = await applySubscription(tx, subscription, version)
  if (!outcome.applied && outcome.reason === 'same_time_as_stored') {
    subscription = fetches.subscription(subscription.id)
    outcome = await applySubscription(tx, subscription, version, { force: true })
  }
  if (!outcome.applied) return
  const planChanged = outcome.before !== null && outcome.before.priceId !== outcome.after.priceId
  await auditStripeChange(tx, event, {
    action: planChanged ? 'subscription.plan_changed' : action,
    subject: { type: 'subscription', id: subscription.id },
    userId: outcome.after.userId,
    before: outcome.before,
    after: outcome.after,
  })
  await mirrorDiscounts(tx, event, subscription, fetches, { userId: outcome.after.userId, stored: outcome.discounts })
}
