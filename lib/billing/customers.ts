import 'server-only'
import type { Queryable } from '@/lib/db/types'

export interface CustomerLink {
  userId: string
  stripeCustomerId: string
  email: string | null
}

/** `conflict`: the user already has another Stripe customer, or the customer another user; nothing changed. */
export type LinkOutcome = 'linked' | 'already_linked' | 'conflict'

/**
 * Stripe does not order deliveries, so a customer's subscriptions and invoices often arrive before the event
 * that links the customer to a user. Linking gives those rows their user.
 */
export async function adoptUnlinkedRows(tx: Queryable, link: Pick<CustomerLink, 'userId' | 'stripeCustomerId'>): Promise<void> {
  await tx.query(`update public.subscriptions set user_id = $1 where stripe_customer_id = $2 and user_id is null`, [link.userId, link.stripeCustomerId])
  await tx.query(`update public.invoices set user_id = $1 where stripe_customer_id = $2 and user_id is null`, [link.userId, link.stripeCustomerId])
  await tx.query(
    `update public.grace_periods g set user_id = $1 from public.subscriptions s
      where s.id = g.subscription_id and s.stripe_customer_id = $2 and g.user_id is null`,
    [link.userId, link.stripeCustomerId],
  )
}

/** Links a user to a Stripe customer, one each way; an existing link to someone else is never replaced. */
export async function linkCustomer(tx: Queryable, link: CustomerLink): Promise<LinkOutcome> {
  const inserted = await tx.query(
    `insert into public.customers (user_id, stripe_customer_id, email) values ($1, $2, $3) on conflict do nothing returning user_id`,
    [link.userId, link.stripeCustomerId, link.email],
  )
  if (inserted.rows.length > 0) {
    await adoptUnlinkedRows(tx, link)
    return 'linked'
  }
  const { rows } = await tx.query(`select 1 from public.customers where user_id = $1 and stripe_customer_id = $2`, [link.userId, link.stripeCustomerId])
  return rows.length > 0 ? 'already_linked' : 'conflict'
}

export async function getUserIdForStripeCustomer(tx: Queryable, stripeCustomerId: string): Promise<string | null> {
  const { rows } = await tx.query<{ user_id: string }>(
    `select user_id from public.customers where stripe_customer_id = $1`,
    [stripeCustomerId],
  )
  return rows[0]?.user_id ?? null
}

export async function getStripeCustomerId(tx: Queryable, userId: string): Promise<string | null> {
  const { rows } = await tx.query<{ stripe_customer_id: string }>(
    `select stripe_customer_id from public.customers where user_id = $1`,
    [userId],
  )
  return rows[0]?.stripe_customer_id ?? null
}
