import 'server-only'
import type Stripe from 'stripe'
import { getStripe } from './client'

export interface CancellationState {
  cancelAtPeriodEnd: boolean
  /** Unix seconds the subscription ends, when it is set to end. */
  endsAt: number | null
}

const stateOf = (subscription: Stripe.Subscription): CancellationState => ({
  cancelAtPeriodEnd: subscription.cancel_at_period_end,
  endsAt: subscription.cancel_at ?? null,
})

/** Sets (or clears) Stripe's cancel-at-period-end, keeping the customer's reason on the subscription. */
export async function setCancelAtPeriodEnd(subscriptionId: string, cancel: boolean, comment: string | null, idempotencyKey: string): Promise<CancellationState> {
  const subscription = await getStripe().subscriptions.update(
    subscriptionId,
    { cancel_at_period_end: cancel, ...(cancel && comment ? { cancellation_details: { comment } } : {}) },
    { idempotencyKey },
  )
  return stateOf(subscription)
}
