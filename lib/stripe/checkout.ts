import 'server-only'
import { getStripe } from './client'
import type { DiscountsParam } from './discounts'
import { toPreview, type InvoicePreview } from './subscriptions'

export interface SubscriptionCheckout {
  customerId: string
  priceId: string
  successUrl: string
  cancelUrl: string
  /** The promotion code the customer typed before going to Checkout. */
  promotionCodeId?: string
}

/** A Stripe Checkout page where the customer pays for their first subscription. */
export async function createSubscriptionCheckout(checkout: SubscriptionCheckout, idempotencyKey: string): Promise<{ id: string; url: string }> {
  const session = await getStripe().checkout.sessions.create(
    {
      mode: 'subscription',
      customer: checkout.customerId,
      line_items: [{ price: checkout.priceId, quantity: 1 }],
      success_url: checkout.successUrl,
      cancel_url: checkout.cancelUrl,
      ...(checkout.promotionCodeId ? { discounts: [{ promotion_code: checkout.promotionCodeId }] } : {}),
    },
    { idempotencyKey },
  )
  if (!session.url) throw new Error(`Checkout session ${session.id} has no URL`)
  return { id: session.id, url: session.url }
}

/** Expires a Checkout session the customer left open, so at most one can still be paid. */
export async function expireCheckoutIfOpen(sessionId: string): Promise<void> {
  const stripe = getStripe()
  const session = await stripe.checkout.sessions.retrieve(sessionId)
  if (session.status === 'open') await stripe.checkout.sessions.expire(sessionId)
}

/** Whether Stripe already holds a live subscription for the customer (the local mirror may lag behind). */
export async function hasLiveSubscription(customerId: string): Promise<boolean> {
  const page = await getStripe().subscriptions.list({ customer: customerId, status: 'all', limit: 10 })
  return page.data.some((subscription) => !['canceled', 'incomplete_expired'].includes(subscription.status))
}

/** A Stripe customer for a user who has none yet, tagged with their id. */
export async function createCustomer(user: { id: string; email: string | null }, idempotencyKey: string): Promise<string> {
  const customer = await getStripe().customers.create({ email: user.email ?? undefined, metadata: { user_id: user.id } }, { idempotencyKey })
  return customer.id
}

/** The first invoice of a new subscription to the price, with the discounts Checkout will apply; nothing is redeemed. */
export async function previewFirstInvoice(customerId: string, priceId: string, discounts: DiscountsParam): Promise<InvoicePreview> {
  const invoice = await getStripe().invoices.createPreview({ customer: customerId, subscription_details: { items: [{ price: priceId }] }, discounts })
  return toPreview(invoice)
}
