import 'server-only'
import type Stripe from 'stripe'
import { auditStripeChange } from '@/lib/audit/stripe-change'
import { applySubscription } from '@/lib/billing/subscription-sync'
import { fromUnixSeconds } from '@/lib/clock'
import type { Queryable } from '@/lib/db/types'
import type { StripeFetches } from '../stripe-fetches'

/**
 * Applies the subscription an event carries. Events of one second have no order Stripe guarantees, so on a
 * tie with the stored state the current subscription is fetched from Stripe and applied instead.
 */
export async function syncSubscriptionFromEvent(tx: Queryable, event: Stripe.Event, fetches: StripeFetches, action: string): Promise<void> {
  const subscription = event.data.object as Stripe.Subscription
  const version = { eventCreated: fromUnixSeconds(event.created), eventId: event.id }
  let outcome = await applySubscription(tx, subscription, version)
  if (!outcome.applied && outcome.reason === 'same_time_as_stored') {
    outcome = await applySubscription(tx, fetches.subscription(subscription.id), version, { force: true })
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
}
