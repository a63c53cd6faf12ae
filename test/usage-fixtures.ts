import type { Queryable } from '@/lib/db/types'

/** A catalogue of two self-serve plans: Free (calendar month) and Team (paid, per subscription period). */
export const PLANS = {
  free: { product: 'prod_free', price: 'price_free', amount: 0, quotas: { api_calls: 100, exports: 0 } },
  team: { product: 'prod_team', price: 'price_team', amount: 4900, quotas: { api_calls: 50, exports: 5, seats: 10 } },
}

export async function insertPlans(tx: Queryable): Promise<void> {
  for (const [tier, plan] of Object.values(PLANS).entries()) {
    const metadata = { self_serve: 'true', tier: String(tier), ...Object.fromEntries(Object.entries(plan.quotas).map(([metric, quota]) => [`quota_${metric}`, String(quota)])) }
    await tx.query(`insert into public.products (id, name, metadata) values ($1, $2, $3::jsonb)`, [plan.product, plan.product.slice(5), JSON.stringify(metadata)])
    await tx.query(
      `insert into public.prices (id, product_id, currency, unit_amount, recurring_interval) values ($1, $2, 'usd', $3, 'month')`,
      [plan.price, plan.product, plan.amount],
    )
  }
}

/** An active Team subscription for the user, its period around `at`. */
export async function subscribeToTeam(tx: Queryable, user: { id: string; customer: string }, at: Date, id = `sub_${user.customer}`): Promise<string> {
  await tx.query(
    `insert into public.subscriptions (id, user_id, stripe_customer_id, status, price_id, item_id, current_period_start, current_period_end, created_at)
     values ($1, $2, $3, 'active', $4, $5, $6, $7, $6)`,
    [id, user.id, user.customer, PLANS.team.price, `si_${id}`, new Date(at.getTime() - 5 * 86_400_000), new Date(at.getTime() + 25 * 86_400_000)],
  )
  return id
}

export async function openGrace(tx: Queryable, user: { id: string }, subscriptionId: string, status: 'open' | 'expired' | 'resolved', endsAt: Date): Promise<void> {
  await tx.query(
    `insert into public.grace_periods (user_id, subscription_id, status, started_at, ends_at, resolved_at)
     values ($1, $2, $3, $4, $5, $6)`,
    [user.id, subscriptionId, status, new Date(endsAt.getTime() - 7 * 86_400_000), endsAt, status === 'resolved' ? endsAt : null],
  )
}
