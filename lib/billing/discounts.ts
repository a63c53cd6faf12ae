import 'server-only'
import type { Queryable } from '@/lib/db/types'
import type { SubscriptionDiscount } from '@/lib/stripe/discounts'

/** The discounts mirrored on the subscription row (customer.subscription.* events), oldest first. */
export async function discountsOfSubscription(tx: Queryable, subscriptionId: string): Promise<SubscriptionDiscount[]> {
  const { rows } = await tx.query<{ discounts: SubscriptionDiscount[] }>(`select discounts from public.subscriptions where id = $1`, [subscriptionId])
  return rows[0]?.discounts ?? []
}

/** The ids Stripe lists on the subscription, in its order. */
export function discountIdsOf(discounts: (string | { id: string })[]): string[] {
  return discounts.map((entry) => (typeof entry === 'string' ? entry : entry.id))
}

/** Writes the subscription's discounts as Stripe reported them (terms fetched when the ids changed). */
export async function storeSubscriptionDiscounts(tx: Queryable, subscriptionId: string, discounts: SubscriptionDiscount[]): Promise<void> {
  await tx.query(`update public.subscriptions set discounts = $2::jsonb where id = $1`, [subscriptionId, JSON.stringify(discounts)])
}
