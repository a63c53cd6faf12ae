import 'server-only'
import type Stripe from 'stripe'
import { getStripe } from './client'

export const retrieveInvoice = (invoiceId: string) => getStripe().invoices.retrieve(invoiceId)

/** The Stripe customer, or null once deleted. */
export async function retrieveCustomer(customerId: string): Promise<Stripe.Customer | null> {
  const customer = await getStripe().customers.retrieve(customerId)
  return 'deleted' in customer && customer.deleted ? null : (customer as Stripe.Customer)
}

/** Refunds part or all of a paid invoice as Stripe recommends: a credit note that refunds its amount to the card. */
export function refundInvoice(invoiceId: string, amount: number, reason: string, idempotencyKey: string): Promise<Stripe.CreditNote> {
  // The reason is the team's own note (metadata); a memo would print on the customer's credit note.
  return getStripe().creditNotes.create({ invoice: invoiceId, amount, refund_amount: amount, metadata: { source: 'admin_console', reason } }, { idempotencyKey })
}

/** Credits the customer's balance; Stripe applies it to their next invoices. A credit is a negative amount. */
export function creditCustomerBalance(customerId: string, amount: number, currency: string, reason: string, idempotencyKey: string) {
  return getStripe().customers.createBalanceTransaction(
    customerId,
    { amount: -amount, currency, description: 'Account credit', metadata: { source: 'admin_console', reason } },
    { idempotencyKey },
  )
}

/** Charges an open invoice to the card on file now (Stripe's "retry payment"). */
export const payInvoiceNow = (invoiceId: string, idempotencyKey: string) => getStripe().invoices.pay(invoiceId, {}, { idempotencyKey })

export const voidInvoice = (invoiceId: string, idempotencyKey: string) => getStripe().invoices.voidInvoice(invoiceId, {}, { idempotencyKey })

export const markInvoiceUncollectible = (invoiceId: string, idempotencyKey: string) => getStripe().invoices.markUncollectible(invoiceId, {}, { idempotencyKey })

/**
 * Comps a subscription: a 100 % coupon for `months` months replaces its discounts, so every invoice in that time
 * is free. Two calls, each under its own derived key, so a retry repeats neither.
 */
export async function compSubscription(subscriptionId: string, months: number, reason: string, idempotencyKey: string): Promise<{ couponId: string; subscription: Stripe.Subscription }> {
  const coupon = await getStripe().coupons.create(
    { percent_off: 100, duration: 'repeating', duration_in_months: months, name: `Comp: ${months} month${months === 1 ? '' : 's'} free`, metadata: { source: 'admin_console', reason } },
    { idempotencyKey: `${idempotencyKey}-coupon` },
  )
  const subscription = await getStripe().subscriptions.update(subscriptionId, { discounts: [{ coupon: coupon.id }] }, { idempotencyKey: `${idempotencyKey}-apply` })
  return { couponId: coupon.id, subscription }
}
