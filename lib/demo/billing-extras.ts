import 'server-only'
import type Stripe from 'stripe'
import { getStripeCustomerId } from '@/lib/billing/customers'
import { applyInvoicePayment, applyRefund } from '@/lib/billing/refund-sync'
import { fromUnixSeconds } from '@/lib/clock'
import { asService } from '@/lib/db/transactions'
import { DEMO_ACCOUNTS } from './catalogue'

export const DEMO_BILLING_EMAIL = 'carol@example.com'
export const DEMO_REFUND_AMOUNT = 1234

/** Carol's business, as her invoices print it. */
const DETAILS: Stripe.CustomerUpdateParams = {
  name: 'Berg Studio GmbH',
  address: { line1: 'Torstraße 140', city: 'Berlin', postal_code: '10119', country: 'DE' },
}
const VAT: Stripe.CustomerCreateTaxIdParams = { type: 'eu_vat', value: 'DE123456789' }

/**
 * What /billing shows beyond a plan (after seedDemo): Carol's filled-in billing details with a VAT number, and a
 * partial refund of her paid first invoice. Idempotent; the refund is mirrored at once as its webhooks would.
 */
export async function seedDemoBillingExtras(stripe: Stripe): Promise<void> {
  const account = DEMO_ACCOUNTS.find((candidate) => candidate.email === DEMO_BILLING_EMAIL)!
  const customerId = await asService((tx) => getStripeCustomerId(tx, account.id))
  if (!customerId) return
  const customer = (await stripe.customers.retrieve(customerId, { expand: ['tax_ids'] })) as Stripe.Customer
  if (!customer.address) await stripe.customers.update(customerId, DETAILS)
  if (!customer.tax_ids?.data.length) await stripe.customers.createTaxId(customerId, VAT)

  const paid = (await stripe.invoices.list({ customer: customerId, status: 'paid', limit: 100 })).data.at(-1)
  const payment = paid && (await stripe.invoicePayments.list({ invoice: paid.id, status: 'paid' })).data[0]
  const paymentIntent = payment?.payment.payment_intent
  if (!payment || typeof paymentIntent !== 'string') return
  const earlier = (await stripe.refunds.list({ payment_intent: paymentIntent })).data[0]
  const refund = earlier ?? (await stripe.refunds.create({ payment_intent: paymentIntent, amount: DEMO_REFUND_AMOUNT, reason: 'requested_by_customer' }))
  await asService(async (tx) => {
    await applyInvoicePayment(tx, payment)
    await applyRefund(tx, refund, fromUnixSeconds(refund.created))
  })
}
