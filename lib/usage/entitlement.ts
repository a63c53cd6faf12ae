import 'server-only'
import type { Queryable } from '@/lib/db/types'
import { listPlans, getPlanByPrice, type Plan } from '@/lib/billing/plans'
import { isGraceEnforcementOn } from '@/lib/grace/enforcement-switch'
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
}

interface SubscriptionRow {
  id: string
  priceId: string | null
  currentPeriodStart: Date | null
  currentPeriodEnd: Date | null
}

interface GraceRow {
  status: string
  endsAt: Date
  resolvedAt: Date | null
}

async function currentSubscription(tx: Queryable, userId: string): Promise<SubscriptionRow | null> {
  const { rows } = await tx.query<SubscriptionRow>(
    `select id, price_id as "priceId", current_period_start as "currentPeriodStart", current_period_end as "currentPeriodEnd"
       from public.subscriptions where user_id = $1 and status not in ('canceled', 'incomplete_expired', 'incomplete')
      order by created_at desc limit 1`,
    [userId],
  )
  return rows[0] ?? null
}

async function latestGrace(tx: Queryable, subscriptionId: string): Promise<GraceRow | null> {
  const { rows } = await tx.query<GraceRow>(
    `select status, ends_at as "endsAt", resolved_at as "resolvedAt" from public.grace_periods
      where subscription_id = $1 order by started_at desc limit 1`,
    [subscriptionId],
  )
  return rows[0] ?? null
}

/** The free plan: the cheapest offered plan without a charge. Without one, nothing is free. */
async function freePlan(tx: Queryable): Promise<Plan | null> {
  return (await listPlans(tx)).find((plan) => plan.unitAmount === 0) ?? null
}

/** Plan quotas, billing period and grace state of a customer, read in the caller's transaction. */
export async function getEntitlement(tx: Queryable, userId: string, at: Date): Promise<Entitlement> {
  const subscription = await currentSubscription(tx, userId)
  const plan = subscription?.priceId ? await getPlanByPrice(tx, subscription.priceId) : null
  const grace = subscription ? await latestGrace(tx, subscription.id) : null
  const expiredUnpaid = grace?.status === 'expired' && !grace.resolvedAt
  const heldToFreePlan = expiredUnpaid && (await isGraceEnforcementOn(tx))
  const effective = heldToFreePlan || !plan ? await freePlan(tx) : plan
  const period = usagePeriod(subscription && { ...subscription, paid: (plan?.unitAmount ?? 0) > 0 }, at)
  return {
    userId,
    planName: effective?.name ?? null,
    quotas: effective?.quotas ?? {},
    // The free plan includes only what it lists; with no plan to fall back on, nothing is included.
    unlistedLimit: heldToFreePlan || !effective ? 0 : null,
    period,
    graceEndsAt: grace?.status === 'open' ? grace.endsAt : null,
    heldToFreePlan,
  }
}

export function limitOf(entitlement: Entitlement, metric: string): number | null {
  return entitlement.quotas[metric] ?? entitlement.unlistedLimit
}
