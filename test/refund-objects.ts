import type Stripe from 'stripe'
// Stripe's published example objects (stripe/openapi fixtures3.json, MIT): charge, refund, credit_note, invoice_payment.
import FIXTURES from './refund-fixtures.json'

// A fixture with the fields a test names replaced.
const fixture = <T>(name: string, fields: Record<string, unknown>): T => ({ ...structuredClone((FIXTURES as Record<string, object>)[name]!), ...fields }) as T

export function invoicePaymentObject(fields: { id: string; invoice: string; paymentIntent: string; amount: number; created: number }): Stripe.InvoicePayment {
  return fixture('invoice_payment', {
    id: fields.id, invoice: fields.invoice, currency: 'usd', amount_paid: fields.amount, amount_requested: fields.amount, created: fields.created,
    livemode: false, status: 'paid', payment: { type: 'payment_intent', payment_intent: fields.paymentIntent },
    status_transitions: { canceled_at: null, paid_at: fields.created },
  })
}

export function chargeObject(fields: { id: string; customer: string; paymentIntent: string; amount: number; amountRefunded: number; created: number }): Stripe.Charge {
  return fixture('charge', {
    id: fields.id, customer: fields.customer, payment_intent: fields.paymentIntent, amount: fields.amount, amount_captured: fields.amount,
    amount_refunded: fields.amountRefunded, refunded: fields.amountRefunded === fields.amount, currency: 'usd', created: fields.created, livemode: false,
    refunds: undefined,
  })
}

export function refundObject(fields: { id: string; customer: string; paymentIntent: string; charge: string; amount: number; status: string; created: number }): Stripe.Refund {
  return fixture('refund', {
    id: fields.id, customer: fields.customer, payment_intent: fields.paymentIntent, charge: fields.charge, amount: fields.amount,
    status: fields.status, currency: 'usd', created: fields.created, reason: 'requested_by_customer',
  })
}

export function creditNoteObject(fields: { id: string; customer: string; invoice: string; number: string; total: number; refund?: number; status?: string; created: number }): Stripe.CreditNote {
  const refund = fields.refund ?? 0
  return fixture('credit_note', {
    id: fields.id, customer: fields.customer, invoice: fields.invoice, number: fields.number, amount: fields.total, total: fields.total,
    subtotal: fields.total, currency: 'usd', created: fields.created, livemode: false, status: fields.status ?? 'issued',
    voided_at: fields.status === 'void' ? fields.created : null, pre_payment_amount: 0, post_payment_amount: fields.total,
    out_of_band_amount: null, reason: 'product_unsatisfactory',
    refunds: refund > 0 ? [{ amount_refunded: refund, payment_record_refund: null, refund: `re_of_${fields.id}`, type: 'refund' }] : [],
  })
}
