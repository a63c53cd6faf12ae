/**
 * Whether Stripe refused a request with this error type (`StripeCardError`, `StripeInvalidRequestError`, …),
 * read by its shape: the production build may bundle the SDK more than once, so `instanceof
 * Stripe.errors.…` can miss an error raised by another copy.
 */
export function isStripeError(error: unknown, type: 'StripeCardError' | 'StripeInvalidRequestError'): error is { type: string; code?: string; param?: string; message: string } {
  return typeof error === 'object' && error !== null && (error as { type?: unknown }).type === type
}
