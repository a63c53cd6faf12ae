import 'server-only'
import { getStripe } from './client'
import { isStripeError } from './errors'

/**
 * Cancels a subscription at once. The idempotency key makes a repeated request one cancellation; a subscription
 * already canceled counts as done. Call it with no database transaction open.
 */
export async function cancelSubscriptionNow(subscriptionId: string, idempotencyKey: string): Promise<'canceled' | 'already_canceled'> {
  try {
    await getStripe().subscriptions.cancel(subscriptionId, {}, { idempotencyKey })
    return 'canceled'
  } catch (error) {
    if (isStripeError(error, 'StripeInvalidRequestError') && /cancel|canceled/i.test(error.message)) return 'already_canceled'
    throw error
  }
}
