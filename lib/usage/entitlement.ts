import 'server-only'
import type { Queryable } from '@/lib/db/types'
import { enforcementDefault } from './enforcement-switch'
import type { Period } from './period'

/** What a customer may use right now, and why (decided by `public.usage_entitlement`). */
export interface Entitlement {
  userId: string
  planName: string | null
  /** Quotas per metric for this period; 0 allows nothing. */
  quotas: Record<string, number>
  /** The limit of a metric the plan does not list: unlimited (null), or 0 when held to the free plan. */
  unlistedLimit: 0 | null
  period: Period
  /** While a failed payment's grace period is open: the deadline to pay by. */
  graceEndsAt: Date | null
  /** A grace period ran out unpaid and enforcement is on: the free plan's quotas apply until payment. */
  heldToFreePlan: boolean
  /** While held to the free plan: the quotas of the plan paid for, which paying restores. */
  paidPlanQuotas: Record<string, number> | null
}

/** A row of `public.usage_entitlement`. */
export interface EntitlementRow {
  plan_name: string | null
  quotas: Record<string, number>
  unlisted_limit: 0 | null
  period_start: Date
  period_end: Date
  grace_ends_at: Date | null
  held_to_free_plan: boolean
  paid_plan_quotas: Record<string, number> | null
}

/** The time and the start-up enforcement setting, as `public.usage_entitlement` and `consume_usage` take them. */
export const entitlementParams = (at: Date) => [at, enforcementDefault()]

export function toEntitlement(row: EntitlementRow, userId: string): Entitlement {
  return {
    userId,
    planName: row.plan_name,
    quotas: row.quotas,
    unlistedLimit: row.unlisted_limit,
    period: { start: row.period_start, end: row.period_end },
    graceEndsAt: row.grace_ends_at,
    heldToFreePlan: row.held_to_free_plan,
    paidPlanQuotas: row.paid_plan_quotas,
  }
}

/** Plan quotas, billing period and grace state of a customer, read in the caller's transaction. */
export async function getEntitlement(tx: Queryable, userId: string, at: Date): Promise<Entitlement> {
  const { rows } = await tx.query<EntitlementRow>(`select * from public.usage_entitlement($1, $2, $3)`, [userId, ...entitlementParams(at)])
  return toEntitlement(rows[0]!, userId)
}

export function limitOf(entitlement: Entitlement, metric: string): number | null {
  return entitlement.quotas[metric] ?? entitlement.unlistedLimit
}

/** Whether a refused use would be allowed once the customer pays: then payment is what is required (402). */
export function paymentWouldAllow(entitlement: Entitlement, metric: string, usedAfter: number): boolean {
  if (!entitlement.paidPlanQuotas) return false
  const paidLimit = entitlement.paidPlanQuotas[metric]
  return paidLimit === undefined || usedAfter <= paidLimit
}
