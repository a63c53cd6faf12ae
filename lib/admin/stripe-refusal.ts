import 'server-only'
import { AppError } from '@/lib/http/errors'
import { isStripeError } from '@/lib/stripe/errors'

/**
 * What Stripe refused, as the admin sees it: a declined card is 402, a missing object 404, any other refusal
 * (an invoice in the wrong state, an amount over what is left) 409 with Stripe's own message. Anything else
 * (network, outage) is thrown as it is, since Stripe may or may not have acted: a retry with the same
 * idempotency key settles it.
 */
export async function stripeRefusal<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call()
  } catch (error) {
    if (isStripeError(error, 'StripeCardError')) throw new AppError('card_declined', error.message, 402)
    if (isStripeError(error, 'StripeInvalidRequestError')) {
      if (error.code === 'resource_missing') throw new AppError('not_found', error.message, 404)
      throw new AppError('stripe_refused', error.message, 409)
    }
    throw error
  }
}
