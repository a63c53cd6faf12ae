import 'server-only'
import { z } from 'zod'
import type { Viewer } from '@/lib/auth/claims'
import { assertStaff } from '@/lib/auth/require-admin'
import { asService } from '@/lib/db/transactions'

export const customerSearchSchema = z.object({
  q: z.string().trim().max(200).optional().catch(undefined),
})

export interface CustomerListRow {
  userId: string
  email: string | null
  stripeCustomerId: string
  subscriptionStatus: string | null
  planName: string | null
}

const SEARCH_LIMIT = 50

/**
 * Customers by Stripe id (exact, `cus_…`) or email (prefix, any case); without a query the newest 50. Both
 * look-ups are indexed, so search costs the same however many customers there are.
 */
export async function searchCustomers(viewer: Viewer, query: string | undefined): Promise<CustomerListRow[]> {
  assertStaff(viewer)
  const q = query?.trim() || null
  const byStripeId = q?.startsWith('cus_') ?? false
  return asService(async (tx) => {
    const { rows } = await tx.query<CustomerListRow>(
      `select c.user_id as "userId", c.email, c.stripe_customer_id as "stripeCustomerId", s.status as "subscriptionStatus", p.name as "planName"
         from public.customers c
         left join lateral (
           select status, price_id from public.subscriptions
            where user_id = c.user_id order by status in ('canceled', 'incomplete_expired'), created_at desc limit 1) s on true
         left join public.prices pr on pr.id = s.price_id
         left join public.products p on p.id = pr.product_id
        where $1::text is null
           or ($2 and c.stripe_customer_id = $1)
           or (not $2 and lower(c.email) like $3 escape '\\')
        order by c.created_at desc, c.user_id
        limit $4`,
      [q, byStripeId, `${(q ?? '').toLowerCase().replace(/[\\%_]/g, (char) => `\\${char}`)}%`, SEARCH_LIMIT],
    )
    return rows
  })
}

/** Whether the app knows this user, so a customer page can answer 404 before it starts streaming. */
export async function customerExists(viewer: Viewer, userId: string): Promise<boolean> {
  assertStaff(viewer)
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(userId)) return false
  return asService(async (tx) => (await tx.query(`select 1 from auth.users where id = $1`, [userId])).rows.length > 0)
}
