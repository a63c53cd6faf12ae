import 'server-only'
import type { Queryable } from '@/lib/db/types'
import { quotasOf } from '@/lib/billing/plans'
import { ENFORCEMENT_SETTING, enforcementOn } from '@/lib/grace/enforcement-switch'
import { usagePeriod, type Period } from './period'

/** What a customer may use right now, and why. */
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

interface EntitlementRow {
  subscriptionId: string | null
  periodStart: Date | null
  periodEnd: Date | null
  planName: string | null
  planMetadata: Record<string, string> | null
  planAmount: number | null
  graceStatus: string | null
  graceEndsAt: Date | null
  graceResolvedAt: Date | null
  enforcementSetting: { on: boolean } | null
  freeName: string | null
  freeMetadata: Record<string, string> | null
}

/*
 * One statement, because every usage request asks it: the newest live subscription, its plan, its latest grace
 * period, the admin's enforcement switch, and the free plan (the cheapest offered plan without a charge, by tier).
 */
const ENTITLEMENT_SQL = `
  select s.id as "subscriptionId", s.current_period_start as "periodStart", s.current_period_end as "periodEnd",
         plan.name as "planName", plan.metadata as "planMetadata", plan.unit_amount as "planAmount",
         g.status as "graceStatus", g.ends_at as "graceEndsAt", g.resolved_at as "graceResolvedAt",
         (select value from public.app_settings where key = $2) as "enforcementSetting",
         free.name as "freeName", free.metadata as "freeMetadata"
    from (select 1) as one
    left join lateral (
      select id, price_id, current_period_start, current_period_end from public.subscriptions
       where user_id = $1 and status not in ('canceled', 'incomplete_expired', 'incomplete')
       order by created_at desc limit 1) s on true
    left join lateral (
      select p.name, p.metadata, pr.unit_amount from public.prices pr join public.products p on p.id = pr.product_id
       where pr.id = s.price_id) plan on true
    left join lateral (
      select status, ends_at, resolved_at from public.grace_periods
       where subscription_id = s.id order by started_at desc limit 1) g on true
    left join lateral (
      select p.name, p.metadata from public.products p join public.prices pr on pr.product_id = p.id
       where pr.unit_amount = 0 and public.price_is_offered(pr.id)
       order by case when p.metadata->>'tier' ~ '^-?[0-9]{1,9}$' then (p.metadata->>'tier')::int else 0 end
       limit 1) free on true`

/** Plan quotas, billing period and grace state of a customer, read in the caller's transaction. */
export async function getEntitlement(tx: Queryable, userId: string, at: Date): Promise<Entitlement> {
  const { rows } = await tx.query<EntitlementRow>(ENTITLEMENT_SQL, [userId, ENFORCEMENT_SETTING])
  const row = rows[0]!
  const hasPlan = row.planMetadata !== null
  const expiredUnpaid = row.graceStatus === 'expired' && !row.graceResolvedAt
  const heldToFreePlan = expiredUnpaid && enforcementOn(row.enforcementSetting)
  const useFree = heldToFreePlan || !hasPlan
  const effective = useFree ? (row.freeMetadata ? { name: row.freeName, metadata: row.freeMetadata } : null) : { name: row.planName, metadata: row.planMetadata! }
  const subscription = row.subscriptionId ? { currentPeriodStart: row.periodStart, currentPeriodEnd: row.periodEnd, paid: (row.planAmount ?? 0) > 0 } : null
  return {
    userId,
    planName: effective?.name ?? null,
    quotas: effective ? quotasOf(effective.metadata) : {},
    // The free plan includes only what it lists; with no plan to fall back on, nothing is included.
    unlistedLimit: heldToFreePlan || !effective ? 0 : null,
    period: usagePeriod(subscription, at),
    graceEndsAt: row.graceStatus === 'open' ? row.graceEndsAt : null,
    heldToFreePlan,
    paidPlanQuotas: heldToFreePlan && hasPlan ? quotasOf(row.planMetadata!) : null,
  }
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
