import 'server-only'
import type Stripe from 'stripe'
import { fromUnixSeconds } from '@/lib/clock'
import type { Queryable } from '@/lib/db/types'
import type { SyncOutcome } from './refund-sync'
import { idOf } from './stripe-refs'

export interface CreditNoteState {
  id: string
  invoiceId: string
  number: string
  status: string
  total: number
  refundAmount: number
  creditAmount: number
}

// A credit note is issued, then perhaps voided, never back.
const STATUS_RANK: Record<string, number> = { issued: 0, void: 1 }

const COLUMNS = `id, invoice_id as "invoiceId", number, status, total, refund_amount as "refundAmount", credit_amount as "creditAmount"`

/** Mirrors a credit note; a delivery older than the stored state, or of the same second and an earlier status, is skipped. */
export async function applyCreditNote(tx: Queryable, note: Stripe.CreditNote, eventCreated: Date): Promise<SyncOutcome<CreditNoteState>> {
  const { rows } = await tx.query<CreditNoteState & { eventCreated: Date | null }>(
    `select ${COLUMNS}, stripe_event_created_at as "eventCreated" from public.credit_notes where id = $1 for update`,
    [note.id],
  )
  const stored = rows[0]
  if (stored) {
    const incoming = [eventCreated.getTime(), STATUS_RANK[note.status] ?? 0]
    const current = [stored.eventCreated?.getTime() ?? 0, STATUS_RANK[stored.status] ?? 0]
    const older = incoming[0]! < current[0]! || (incoming[0] === current[0] && incoming[1]! < current[1]!)
    if (older) return { applied: false, before: null, after: null }
  }
  const refunded = note.refunds.reduce((sum, entry) => sum + entry.amount_refunded, 0)
  const credited = Math.max(0, note.post_payment_amount - refunded - (note.out_of_band_amount ?? 0))
  const written = await tx.query<CreditNoteState>(
    `insert into public.credit_notes (id, invoice_id, stripe_customer_id, number, status, currency, total, refund_amount, credit_amount, reason,
                                      stripe_created_at, voided_at, stripe_event_created_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
     on conflict (id) do update set status = excluded.status, total = excluded.total, refund_amount = excluded.refund_amount,
       credit_amount = excluded.credit_amount, reason = excluded.reason, voided_at = excluded.voided_at,
       stripe_event_created_at = excluded.stripe_event_created_at, updated_at = now()
     returning ${COLUMNS}`,
    [note.id, idOf(note.invoice), idOf(note.customer), note.number, note.status, note.currency, note.total, refunded, credited, note.reason ?? null,
      fromUnixSeconds(note.created), note.voided_at ? fromUnixSeconds(note.voided_at) : null, eventCreated],
  )
  const { eventCreated: _eventCreated, ...before } = stored ?? { eventCreated: null }
  return { applied: true, before: stored ? (before as CreditNoteState) : null, after: written.rows[0]! }
}
