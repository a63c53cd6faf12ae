import 'server-only'
import type Stripe from 'stripe'
import { idOf } from '@/lib/billing/stripe-refs'
import type { Queryable } from '@/lib/db/types'
import { GRACE_COLUMNS, type GracePeriod } from './grace-period'
import { graceDaysFor, graceStartOf } from './policy'

/**
 * Opens the grace period of a failed invoice, unless it has one already (by invoice) or the subscription has
 * another open (the one-open index). When the subscription has already ended (its deletion arrived first), the
 * row is recorded canceled, as it would be had the events come in order. Returns the new row, or null.
 */
export async function openGracePeriod(tx: Queryable, invoice: Stripe.Invoice, subscriptionId: string): Promise<GracePeriod | null> {
  const startedAt = graceStartOf(invoice)
  const days = await graceDaysFor(tx, invoice)
  const { rows } = await tx.query<GracePeriod>(
    `with ended as (select coalesce(ended_at, canceled_at, $4::timestamptz) as at from public.subscriptions
                     where id = $1 and status = 'canceled')
     insert into public.grace_periods
       (user_id, subscription_id, invoice_id, status, started_at, ends_at, amount_due, currency, closed_at, closed_reason)
     select (select user_id from public.customers where stripe_customer_id = $2), $1, $3,
            case when exists (select 1 from ended) then 'canceled' else 'open' end,
            $4, $4::timestamptz + make_interval(days => $5::int), $6, $7,
            (select at from ended), case when exists (select 1 from ended) then 'subscription_canceled' end
     on conflict do nothing
     returning ${GRACE_COLUMNS}`,
    [subscriptionId, idOf(invoice.customer), invoice.id, startedAt, days, invoice.amount_due, invoice.currency],
  )
  return rows[0] ?? null
}
