import 'server-only'
import type Stripe from 'stripe'
import { auditStripeChange } from '@/lib/audit/stripe-change'
import { adoptUnlinkedRows } from '@/lib/billing/customers'
import { fromUnixSeconds } from '@/lib/clock'
import type { Queryable } from '@/lib/db/types'

interface CustomerRow {
  userId: string
  email: string | null
  deletedAt: Date | null
}

/**
 * Keeps the app's customer row in step with Stripe. A Stripe customer the app did not create is linked when
 * its metadata names an existing user (`metadata.user_id`, set by the app and by Checkout sessions).
 */
export async function syncCustomerFromEvent(tx: Queryable, event: Stripe.Event, action: string): Promise<void> {
  const customer = event.data.object as Stripe.Customer
  const eventCreated = fromUnixSeconds(event.created)
  const deleted = event.type === 'customer.deleted'
  const before = await tx.query<CustomerRow & { eventCreated: Date | null }>(
    `select user_id as "userId", email, deleted_at as "deletedAt", stripe_event_created_at as "eventCreated"
       from public.customers where stripe_customer_id = $1 for update`,
    [customer.id],
  )
  const stored = before.rows[0]
  if (stored?.eventCreated && stored.eventCreated > eventCreated) return
  if (!stored) {
    const userId = customer.metadata?.user_id
    if (deleted || !userId) return
    const { rowCount } = await tx.query(
      `insert into public.customers (user_id, stripe_customer_id, email, stripe_event_created_at)
       select id, $2, $3, $4 from auth.users where id::text = $1
       on conflict (user_id) do nothing`,
      [userId, customer.id, customer.email ?? null, eventCreated],
    )
    if (rowCount === 0) return
    await adoptUnlinkedRows(tx, { userId, stripeCustomerId: customer.id })
  } else {
    await tx.query(
      `update public.customers set email = $2, deleted_at = $3, stripe_event_created_at = $4 where stripe_customer_id = $1`,
      [customer.id, deleted ? stored.email : (customer.email ?? null), deleted ? eventCreated : null, eventCreated],
    )
  }
  const after = await tx.query<CustomerRow>(
    `select user_id as "userId", email, deleted_at as "deletedAt" from public.customers where stripe_customer_id = $1`,
    [customer.id],
  )
  const { eventCreated: _eventCreated, ...beforeState } = stored ?? { eventCreated: null }
  await auditStripeChange(tx, event, {
    action,
    subject: { type: 'customer', id: customer.id },
    userId: after.rows[0]?.userId ?? null,
    before: stored ? beforeState : null,
    after: after.rows[0] ?? null,
  })
}
