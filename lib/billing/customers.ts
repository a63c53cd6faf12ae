import 'server-only'
import type { Queryable } from '@/lib/db/types'

export async function linkCustomer(tx: Queryable, link: { userId: string; stripeCustomerId: string; email: string | null }): Promise<void> {
  await tx.query(
    `insert into public.customers (user_id, stripe_customer_id, email) values ($1, $2, $3)
     on conflict (user_id) do update set stripe_customer_id = excluded.stripe_customer_id, email = excluded.email`,
    [link.userId, link.stripeCustomerId, link.email],
  )
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
