import 'server-only'
import type Stripe from 'stripe'
import { auditStripeChange } from '@/lib/audit/stripe-change'
import { applyInvoicePayment } from '@/lib/billing/refund-sync'
import type { EventHandler } from './types'

// invoice_payment.paid – which PaymentIntent paid which invoice, so that payment's refunds show on the invoice
export const handleInvoicePaymentPaid: EventHandler = async (tx, event) => {
  const payment = event.data.object as Stripe.InvoicePayment
  const outcome = await applyInvoicePayment(tx, payment)
  if (!outcome.applied || !outcome.after?.invoiceId) return
  const { rows } = await tx.query<{ user_id: string | null }>(`select user_id from public.invoices where id = $1`, [outcome.after.invoiceId])
  await auditStripeChange(tx, event, {
    action: 'invoice_payment.paid',
    subject: { type: 'invoice', id: outcome.after.invoiceId },
    userId: rows[0]?.user_id ?? null,
    before: outcome.before?.invoiceId ? { paymentIntentId: outcome.before.paymentIntentId } : null,
    after: { paymentIntentId: outcome.after.paymentIntentId },
  })
}
