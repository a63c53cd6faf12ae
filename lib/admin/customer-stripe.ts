import 'server-only'
import { getStripeCustomerId } from '@/lib/billing/customers'
import { asService } from '@/lib/db/transactions'
import { AppError } from '@/lib/http/errors'

/** The Stripe customer of an app user, or 404 when the user has none (never subscribed). */
export async function stripeCustomerOf(userId: string): Promise<string> {
  const customerId = await asService((tx) => getStripeCustomerId(tx, userId))
  if (!customerId) throw new AppError('not_found', 'This customer has no Stripe customer yet.', 404)
  return customerId
}

/** The currency the customer is billed in: Stripe's, else that of their newest invoice. */
export async function billingCurrencyOf(userId: string, stripeCurrency: string | null): Promise<string> {
  if (stripeCurrency) return stripeCurrency
  const { rows } = await asService((tx) =>
    tx.query<{ currency: string }>(`select currency from public.invoices where user_id = $1 order by stripe_created_at desc limit 1`, [userId]),
  )
  if (!rows[0]) throw new AppError('no_currency', 'This customer has never been invoiced, so their currency is not known yet.', 409)
  return rows[0].currency
}
