import 'server-only'
import type { Queryable } from '@/lib/db/types'

/** Folds the subscription total deltas into the per-price totals the admin overview reads (the retry job does, each run). */
export async function foldSubscriptionTotals(tx: Queryable): Promise<number> {
  const { rows } = await tx.query<{ folded: number }>(`select public.fold_subscription_totals() as folded`)
  return rows[0]!.folded
}
