import 'server-only'
import { now } from '@/lib/clock'
import { getDb } from '@/lib/db/client'
import { getEntitlement, limitOf } from './entitlement'

export interface UsageSummary {
  period: { start: string; end: string }
  metrics: { metric: string; used: number; limit: number | null; remaining: number | null; resets_at: string }[]
}

/** Usage against quota for the customer's current period: every metric the plan limits or the customer used. */
export async function getUsageSummary(userId: string, at = now()): Promise<UsageSummary> {
  // Two reads on the service path without a transaction: the page shows usage, it does not decide on it.
  const db = await getDb()
  const entitlement = await getEntitlement(db, userId, at)
  const { rows } = await db.query<{ metric: string; used: number }>(
    `select metric, used from public.usage_totals where user_id = $1 and period_start = $2`,
    [userId, entitlement.period.start],
  )
  const used = new Map(rows.map((row) => [row.metric, row.used]))
  const metrics = [...new Set([...Object.keys(entitlement.quotas), ...used.keys()])].sort()
  const resetsAt = entitlement.period.end.toISOString()
  return {
    period: { start: entitlement.period.start.toISOString(), end: resetsAt },
    metrics: metrics.map((metric) => {
      const limit = limitOf(entitlement, metric)
      const count = used.get(metric) ?? 0
      return { metric, used: count, limit, remaining: limit === null ? null : Math.max(0, limit - count), resets_at: resetsAt }
    }),
  }
}
