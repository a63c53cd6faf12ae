import 'server-only'
import type Stripe from 'stripe'
import { auditStripeChange } from '@/lib/audit/stripe-change'
import { getUserIdForStripeCustomer } from '@/lib/billing/customers'
import { idOf } from '@/lib/billing/stripe-refs'
import { queueNotification } from '@/lib/notifications/outbox'
import { syncSubscriptionFromEvent } from './sync-subscription'
import type { EventHandler } from './types'

// customer.subscription.trial_will_end – Stripe's three-day warning: tell the customer, once per trial.
export const handleSubscriptionTrialWillEnd: EventHandler = async (tx, event, fetches) => {
  await syncSubscriptionFromEvent(tx, event, fetches, 'subscription.updated')
  const subscription = event.data.object as Stripe.Subscription
  const userId = await getUserIdForStripeCustomer(tx, idOf(subscription.customer)!)
  if (!userId) return
  const queued = await queueNotification(tx, {
    userId,
    kind: 'trial_ending',
    dedupeKey: `trial_ending:${subscription.id}:${subscription.trial_end}`,
    payload: { subscriptionId: subscription.id, trialEnd: subscription.trial_end },
  })
  if (!queued) return
  await auditStripeChange(tx, event, {
    action: 'notification.trial_ending_queued',
    subject: { type: 'subscription', id: subscription.id },
    userId,
    before: null,
    after: { trialEnd: subscription.trial_end },
  })
}
