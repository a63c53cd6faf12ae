import 'server-only'
import type Stripe from 'stripe'
import { fromUnixSeconds } from '@/lib/clock'
import type { Queryable } from '@/lib/db/types'
import { idOf } from './stripe-refs'

export interface InvoiceState {
  id: string
  userId: string | null
  status: string
  total: number
  amountDue: number
  amountPaid: number
  attemptCount: number
}

// An invoice only moves forward: draft → open → paid | void | uncollectible.
const STATUS_RANK: Record<string, number> = { draft: 0, open: 1, paid: 2, void: 2, uncollectible: 2 }

const STATE_COLUMNS = `id, user_id as "userId", status, total, amount_due as "amountDue", amount_paid as "amountPaid",
  attempt_count as "attemptCount", stripe_event_created_at as "eventCreated"`

type StoredInvoice = InvoiceState & { eventCreated: Date | null }

/** Orders two states by (event time, status rank, attempts); the later one wins, whatever order events came in. */
function isNewer(invoice: Stripe.Invoice, eventCreated: Date, stored: StoredInvoice): boolean {
  const incoming = [eventCreated.getTime(), STATUS_RANK[invoice.status ?? 'draft'] ?? 0, invoice.attempt_count]
  const current = [stored.eventCreated?.getTime() ?? 0, STATUS_RANK[stored.status] ?? 0, stored.attemptCount]
  for (let index = 0; index < incoming.length; index++) {
    if (incoming[index]! !== current[index]!) return incoming[index]! > current[index]!
  }
  return true
}

function writeSql(onConflict: string): string {
  return `insert into public.invoices (id, user_id, stripe_customer_id, subscription_id, number, status, billing_reason,
       currency, subtotal, total, amount_due, amount_paid, amount_remaining, attempt_count, next_payment_attempt,
       hosted_invoice_url, invoice_pdf, period_start, period_end, stripe_created_at, stripe_event_created_at, updated_at)
     values ($1, (select user_id from public.customers where stripe_customer_id = $2), $2, $3, $4, $5, $6, $7, $8, $9,
       $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, now())
     ${onConflict}
     returning ${STATE_COLUMNS}`
}

const OVERWRITE = `on conflict (id) do update set user_id = excluded.user_id, subscription_id = excluded.subscription_id,
       number = excluded.number, status = excluded.status, billing_reason = excluded.billing_reason,
       subtotal = excluded.subtotal, total = excluded.total, amount_due = excluded.amount_due,
       amount_paid = excluded.amount_paid, amount_remaining = excluded.amount_remaining,
       attempt_count = excluded.attempt_count, next_payment_attempt = excluded.next_payment_attempt,
       hosted_invoice_url = excluded.hosted_invoice_url, invoice_pdf = excluded.invoice_pdf,
       period_start = excluded.period_start, period_end = excluded.period_end,
       stripe_event_created_at = excluded.stripe_event_created_at, updated_at = now()`

function writeParams(invoice: Stripe.Invoice, eventCreated: Date): unknown[] {
  const customerId = idOf(invoice.customer)!
  const subscriptionId = idOf(invoice.parent?.subscription_details?.subscription)
  return [
    invoice.id,
    customerId,
    subscriptionId,
    invoice.number ?? null,
    invoice.status ?? 'draft',
    invoice.billing_reason ?? null,
    invoice.currency,
    invoice.subtotal,
    invoice.total,
    invoice.amount_due,
    invoice.amount_paid,
    invoice.amount_remaining,
    invoice.attempt_count,
    invoice.next_payment_attempt ? fromUnixSeconds(invoice.next_payment_attempt) : null,
    invoice.hosted_invoice_url ?? null,
    invoice.invoice_pdf ?? null,
    fromUnixSeconds(invoice.period_start),
    fromUnixSeconds(invoice.period_end),
    fromUnixSeconds(invoice.created),
    eventCreated,
  ]
}

const lockStored = async (tx: Queryable, id: string) =>
  (await tx.query<StoredInvoice>(`select ${STATE_COLUMNS} from public.invoices where id = $1 for update`, [id])).rows[0] ?? null

const stateOf = ({ eventCreated: _eventCreated, ...state }: StoredInvoice): InvoiceState => state

export async function applyInvoice(
  tx: Queryable,
  invoice: Stripe.Invoice,
  eventCreated: Date,
): Promise<{ applied: boolean; before: InvoiceState | null; after: InvoiceState | null }> {
  const params = writeParams(invoice, eventCreated)
  let stored = await lockStored(tx, invoice.id)
  if (!stored) {
    const inserted = await tx.query<StoredInvoice>(writeSql('on conflict (id) do nothing'), params)
    if (inserted.rows[0]) return { applied: true, before: null, after: stateOf(inserted.rows[0]) }
    // A concurrent delivery created the row first: lock it and compare as usual.
    stored = (await lockStored(tx, invoice.id))!
  }
  if (!isNewer(invoice, eventCreated, stored)) return { applied: false, before: stateOf(stored), after: stateOf(stored) }
  const { rows } = await tx.query<StoredInvoice>(writeSql(OVERWRITE), params)
  return { applied: true, before: stateOf(stored), after: stateOf(rows[0]!) }
}
