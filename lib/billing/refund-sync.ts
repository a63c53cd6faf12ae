import 'server-only'
import type Stripe from 'stripe'
import { fromUnixSeconds } from '@/lib/clock'
import type { Queryable } from '@/lib/db/types'
import { idOf } from './stripe-refs'

export interface RefundState {
  id: string
  paymentIntentId: string | null
  amount: number
  currency: string
  status: string
  reason: string | null
}

export interface PaymentRefundState {
  paymentIntentId: string
  invoiceId: string | null
  amountRefunded: number
}

export interface SyncOutcome<T> {
  applied: boolean
  before: T | null
  after: T | null
}

// A refund settles once: pending (or waiting on the customer) → succeeded | failed | canceled.
const REFUND_RANK: Record<string, number> = { pending: 0, requires_action: 0, succeeded: 1, failed: 1, canceled: 1 }

const REFUND_COLUMNS = `id, payment_intent_id as "paymentIntentId", amount, currency, status, reason`

/** Mirrors one refund; an event older than the stored state (or of the same second and an earlier status) is skipped. */
export async function applyRefund(tx: Queryable, refund: Stripe.Refund, eventCreated: Date): Promise<SyncOutcome<RefundState>> {
  const { rows } = await tx.query<RefundState & { eventCreated: Date | null }>(
    `select ${REFUND_COLUMNS}, stripe_event_created_at as "eventCreated" from public.refunds where id = $1 for update`,
    [refund.id],
  )
  const stored = rows[0]
  const status = refund.status ?? 'pending'
  if (stored) {
    const storedAt = stored.eventCreated?.getTime() ?? 0
    const sameSecondEarlierStatus = storedAt === eventCreated.getTime() && (REFUND_RANK[status] ?? 0) < (REFUND_RANK[stored.status] ?? 0)
    if (storedAt > eventCreated.getTime() || sameSecondEarlierStatus) return { applied: false, before: null, after: null }
  }
  const written = await tx.query<RefundState>(
    `insert into public.refunds (id, payment_intent_id, charge_id, stripe_customer_id, amount, currency, status, reason, stripe_created_at, stripe_event_created_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
     on conflict (id) do update set status = excluded.status, amount = excluded.amount, reason = excluded.reason,
       payment_intent_id = coalesce(excluded.payment_intent_id, refunds.payment_intent_id), charge_id = coalesce(excluded.charge_id, refunds.charge_id),
       stripe_event_created_at = excluded.stripe_event_created_at, updated_at = now()
     returning ${REFUND_COLUMNS}`,
    [refund.id, idOf(refund.payment_intent), idOf(refund.charge), idOf(refund.customer), refund.amount, refund.currency, status, refund.reason ?? null,
      fromUnixSeconds(refund.created), eventCreated],
  )
  const { eventCreated: _eventCreated, ...before } = stored ?? { eventCreated: null }
  return { applied: true, before: stored ? (before as RefundState) : null, after: written.rows[0]! }
}

const PAYMENT_COLUMNS = `payment_intent_id as "paymentIntentId", invoice_id as "invoiceId", amount_refunded as "amountRefunded"`

async function lockPayment(tx: Queryable, paymentIntentId: string): Promise<PaymentRefundState | null> {
  const { rows } = await tx.query<PaymentRefundState>(`select ${PAYMENT_COLUMNS} from public.invoice_payments where payment_intent_id = $1 for update`, [paymentIntentId])
  return rows[0] ?? null
}

/** Links the PaymentIntent that paid an invoice to it (invoice_payment.paid), so refunds of it show on the invoice. */
export async function applyInvoicePayment(tx: Queryable, payment: Stripe.InvoicePayment): Promise<SyncOutcome<PaymentRefundState>> {
  const paymentIntentId = idOf(payment.payment.payment_intent)
  if (!paymentIntentId) return { applied: false, before: null, after: null }
  const before = await lockPayment(tx, paymentIntentId)
  const { rows } = await tx.query<PaymentRefundState>(
    `insert into public.invoice_payments (payment_intent_id, invoice_id, invoice_payment_id, currency, amount_paid) values ($1, $2, $3, $4, $5)
     on conflict (payment_intent_id) do update set invoice_id = excluded.invoice_id, invoice_payment_id = excluded.invoice_payment_id,
       currency = excluded.currency, amount_paid = excluded.amount_paid, updated_at = now()
     returning ${PAYMENT_COLUMNS}`,
    [paymentIntentId, idOf(payment.invoice), payment.id, payment.currency, payment.amount_paid ?? 0],
  )
  return { applied: true, before, after: rows[0]! }
}

/** The charge's running refunded total (charge.refunded): it only grows, so deliveries in any order end the same. */
export async function applyChargeRefunded(tx: Queryable, charge: Stripe.Charge): Promise<SyncOutcome<PaymentRefundState>> {
  const paymentIntentId = idOf(charge.payment_intent)
  if (!paymentIntentId) return { applied: false, before: null, after: null }
  const before = await lockPayment(tx, paymentIntentId)
  const { rows } = await tx.query<PaymentRefundState>(
    `insert into public.invoice_payments (payment_intent_id, stripe_customer_id, currency, amount_refunded) values ($1, $2, $3, $4)
     on conflict (payment_intent_id) do update set amount_refunded = greatest(invoice_payments.amount_refunded, excluded.amount_refunded),
       stripe_customer_id = coalesce(invoice_payments.stripe_customer_id, excluded.stripe_customer_id),
       currency = coalesce(invoice_payments.currency, excluded.currency), updated_at = now()
     returning ${PAYMENT_COLUMNS}`,
    [paymentIntentId, idOf(charge.customer), charge.currency, charge.amount_refunded],
  )
  return { applied: true, before, after: rows[0]! }
}
