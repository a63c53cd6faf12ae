import 'server-only'
import type { Queryable } from '@/lib/db/types'

/** Subscriptions that count as customers on a plan: paying, trialling, or in a failed payment's grace. */
const CURRENT_STATUSES = ['active', 'trialing', 'past_due']
/** Trials have not paid yet, so they add nothing to recurring revenue. */
const REVENUE_STATUSES = ['active', 'past_due']

export interface PlanCount {
  plan: string
  count: number
}

/** Subscriptions per price and status: the folded totals plus the deltas not folded yet (see the migration). */
const TOTALS = `(select price_id, status, sum(subscriptions) as subscriptions, sum(quantity) as quantity
    from (select price_id, status, subscriptions, quantity from public.subscription_totals
          union all
          select price_id, status, subscriptions, quantity from public.subscription_total_deltas) as rows
   group by price_id, status)`

export async function listSubscriptionsByPlan(tx: Queryable): Promise<PlanCount[]> {
  const { rows } = await tx.query<PlanCount>(
    `select coalesce(product.name, nullif(totals.price_id, ''), 'Unknown plan') as plan, sum(totals.subscriptions)::int as count
       from ${TOTALS} totals
       left join public.prices price on price.id = totals.price_id
       left join public.products product on product.id = price.product_id
      where totals.status = any($1::text[])
      group by 1 having sum(totals.subscriptions) > 0 order by count desc, plan`,
    [CURRENT_STATUSES],
  )
  return rows
}

export interface MoneyAmount {
  currency: string
  /** Minor units (cents), rounded. */
  amount: number
}

/** Monthly recurring revenue per currency: each price's amount per month (a yearly price counts a twelfth). */
export async function listMonthlyRecurringRevenue(tx: Queryable): Promise<MoneyAmount[]> {
  const { rows } = await tx.query<MoneyAmount>(
    `select price.currency, round(sum(price.unit_amount * totals.quantity
              * case price.recurring_interval when 'year' then 1 / 12.0 when 'week' then 52 / 12.0 when 'day' then 365 / 12.0 else 1 end
              / greatest(coalesce(price.recurring_interval_count, 1), 1)))::bigint::float8 as amount
       from ${TOTALS} totals
       join public.prices price on price.id = totals.price_id
      where totals.status = any($1::text[]) and price.recurring_interval is not null
      group by price.currency having sum(totals.subscriptions) > 0 order by price.currency`,
    [REVENUE_STATUSES],
  )
  return rows
}

export interface WebhookOutcomes {
  succeeded: number
  failed: number
  pending: number
}

/** Events received since `since`: handled (processed or knowingly ignored), failed (retrying, dead or discarded), still pending. */
export async function getWebhookOutcomesSince(tx: Queryable, since: Date): Promise<WebhookOutcomes> {
  const { rows } = await tx.query<WebhookOutcomes>(
    `select count(*) filter (where status in ('processed', 'ignored'))::int as succeeded,
            count(*) filter (where status in ('failed', 'dead', 'discarded'))::int as failed,
            count(*) filter (where status in ('received', 'processing'))::int as pending
       from public.webhook_events where received_at >= $1`,
    [since],
  )
  return rows[0]!
}

/** Dead events from the queue's kept counts per type; open grace periods from their partial index. */
export async function getQueueCounts(tx: Queryable): Promise<{ deadLetters: number; openGracePeriods: number }> {
  const { rows } = await tx.query<{ deadLetters: number; openGracePeriods: number }>(
    `select (select coalesce(sum(events), 0)::int
               from (select events from public.dead_letter_counts union all select events from public.dead_letter_count_deltas) as counted) as "deadLetters",
            (select count(*)::int from public.grace_periods where status = 'open') as "openGracePeriods"`,
  )
  return rows[0]!
}

export interface CronJobRun {
  job: string
  lastRunAt: Date | null
  lastStatus: string | null
  lastSuccessAt: Date | null
}

/** Each of `jobs` with its last run and last success, a few index probes per job however long the history. */
export async function listCronJobRuns(tx: Queryable, jobs: readonly string[]): Promise<CronJobRun[]> {
  const { rows } = await tx.query<CronJobRun>(
    `select jobs.job, last.started_at as "lastRunAt", last.status as "lastStatus",
            (select max(finished_at) from public.cron_runs where job = jobs.job and status = 'succeeded') as "lastSuccessAt"
       from unnest($1::text[]) as jobs(job)
       left join lateral (
         select started_at, status from public.cron_runs where job = jobs.job order by started_at desc limit 1) last on true
      order by jobs.job`,
    [jobs],
  )
  return rows
}
