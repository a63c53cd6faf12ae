import 'server-only'
import type Stripe from 'stripe'
import { idOf } from '@/lib/billing/stripe-refs'
import { fromUnixSeconds } from '@/lib/clock'
import type { Queryable } from '@/lib/db/types'
import { GRACE_COLUMNS, type GracePeriod } from './grace-period'
import { graceDaysFor, graceStartOf } from './policy'

export interface Resolution {
  before: GracePeriod | null
  after: GracePeriod
}

/**
 * Resolves the grace period of a paid invoice (open, expired or canceled alike: paid wins). When the payment
 * arrives before its failure was reported, the period is recorded already resolved, with the same dates the
 * failure would have given it, so both orders end in the same row. Returns null when nothing changed.
 */
export async function resolveGracePeriod(tx: Queryable, invoice: Stripe.Invoice, subscriptionId: string): Promise<Resolution | null> {
  const paidAt = fromUnixSeconds(invoice.status_transitions?.paid_at ?? invoice.created)
  const { rows: current } = await tx.query<GracePeriod>(`select ${GRACE_COLUMNS} from public.grace_periods where invoice_id = $1 for update`, [invoice.id])
  const before = current[0] ?? null
  if (before?.status === 'resolved') return null
  if (before) {
    const { rows } = await tx.query<GracePeriod>(
      `update public.grace_periods set status = 'resolved', resolved_at = $2, closed_at = $2, closed_reason = 'invoice_paid'
        where id = $1 returning ${GRACE_COLUMNS}`,
      [before.id, paidAt],
    )
    return { before, after: rows[0]! }
  }
  // Only an invoice that took more than one attempt was ever unpaid past its due date.
  if (invoice.attempt_count < 2) return null
  const startedAt = graceStartOf(invoice)
  const { rows } = await tx.query<GracePeriod>(
    `insert into public.grace_periods (user_id, subscription_id, invoice_id, status, started_at, ends_at, resolved_at,
       amount_due, currency, closed_at, closed_reason)
     values ((select user_id from public.customers where stripe_customer_id = $2), $1, $3, 'resolved', $4,
       $4::timestamptz + make_interval(days => $5::int), $6, $7, $8, $6, 'invoice_paid')
     on conflict do nothing
     returning ${GRACE_COLUMNS}`,
    [subscriptionId, idOf(invoice.customer), invoice.id, startedAt, await graceDaysFor(tx, invoice), paidAt, invoice.amount_due, invoice.currency],
  )
  return rows[0] ? { before: null, after: rows[0] } : null
}
