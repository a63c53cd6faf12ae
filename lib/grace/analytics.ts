import 'server-only'
import type { Queryable } from '@/lib/db/types'
import type { GraceRange } from './analytics-range'


const DAY_MS = 86_400_000
/** The range's days as dates ($1, $2) and as UTC instants ($3 inclusive, $4 exclusive), whatever the session's time zone. */
const bounds = (range: GraceRange) => [range.from, range.to, new Date(`${range.from}T00:00:00Z`), new Date(Date.parse(`${range.to}T00:00:00Z`) + DAY_MS)]

export interface OpenPerDay {
  day: string
  open: number
}

/**
 * Grace periods open at the end of each day of the range: every period opened up to that day minus every one
 * ended by then, from the per-day counts the grace transitions keep (folded totals plus recent deltas), so the
 * cost follows the number of days of history, not the number of periods.
 */
export async function listOpenGracePeriodsPerDay(tx: Queryable, range: GraceRange): Promise<OpenPerDay[]> {
  const { rows } = await tx.query<OpenPerDay>(
    `with days as (select d::date as day from generate_series($1::timestamp, $2::timestamp, interval '1 day') as d),
          counts as (
            select day, sum(opened) as opened, sum(ended) as ended
              from (select day, opened, ended from public.grace_period_days
                    union all select day, opened, ended from public.grace_period_day_deltas) as changes
             where day <= $2::date group by day),
          baseline as (select coalesce(sum(opened - ended), 0) as open from counts where day < $1::date)
     select to_char(days.day, 'YYYY-MM-DD') as day,
            ((select open from baseline) + sum(coalesce(counts.opened, 0) - coalesce(counts.ended, 0)) over (order by days.day))::int as open
       from days left join counts using (day)
      order by days.day`,
    [range.from, range.to],
  )
  return rows
}

/** Folds the per-day deltas into the daily totals (the daily grace job does, each run). */
export async function foldGracePeriodDays(tx: Queryable): Promise<number> {
  const { rows } = await tx.query<{ folded: number }>(`select public.fold_grace_period_days() as folded`)
  return rows[0]!.folded
}

export interface WeeklyOutcomes {
  /** Monday of the week the periods opened in. */
  week: string
  opened: number
  recovered: number
  expired: number
  canceled: number
  stillOpen: number
}

/** How the grace periods opened each week ended: recovered (paid), expired, canceled, or still open. */
export async function listGraceOutcomesByWeek(tx: Queryable, range: GraceRange): Promise<WeeklyOutcomes[]> {
  const { rows } = await tx.query<WeeklyOutcomes>(
    `with weeks as (
            select w::date as week from generate_series(date_trunc('week', $1::timestamp), $2::timestamp, interval '1 week') as w),
          outcomes as (
            select date_trunc('week', g.started_at at time zone 'UTC')::date as week,
                   count(*) as opened,
                   count(*) filter (where g.status = 'resolved') as recovered,
                   count(*) filter (where g.status = 'expired') as expired,
                   count(*) filter (where g.status = 'canceled') as canceled,
                   count(*) filter (where g.status = 'open') as still_open
              from public.grace_periods g
             where g.started_at >= $3 and g.started_at < $4
             group by 1)
     select to_char(weeks.week, 'YYYY-MM-DD') as week, coalesce(opened, 0)::int as opened,
            coalesce(recovered, 0)::int as recovered, coalesce(expired, 0)::int as expired,
            coalesce(canceled, 0)::int as canceled, coalesce(still_open, 0)::int as "stillOpen"
       from weeks left join outcomes using (week)
      order by weeks.week`,
    bounds(range),
  )
  return rows
}

export interface RecoverySummary {
  opened: number
  /** Periods of the range that have ended, by any outcome. */
  ended: number
  recovered: number
  /** recovered / ended, or null when none has ended yet. */
  recoveryRate: number | null
  /** Median time from opening to payment of the recovered ones, in seconds. */
  medianSecondsToRecover: number | null
}

/** Recovery rate and median time to recover of the grace periods opened in the range. */
export async function getGraceRecoverySummary(tx: Queryable, range: GraceRange): Promise<RecoverySummary> {
  const { rows } = await tx.query<Omit<RecoverySummary, 'recoveryRate'>>(
    `select count(*)::int as opened,
            count(*) filter (where g.status <> 'open')::int as ended,
            count(*) filter (where g.status = 'resolved')::int as recovered,
            (percentile_cont(0.5) within group (order by extract(epoch from g.resolved_at - g.started_at))
               filter (where g.status = 'resolved' and g.resolved_at is not null))::float8 as "medianSecondsToRecover"
       from public.grace_periods g
      where g.started_at >= $1 and g.started_at < $2`,
    bounds(range).slice(2),
  )
  const row = rows[0]!
  return { ...row, recoveryRate: row.ended > 0 ? row.recovered / row.ended : null }
}

export interface RevenueAtRisk {
  currency: string
  amountDue: number
  openPeriods: number
}

/**
 * What the invoices of the grace periods open now still ask for, per currency (minor units): each period's copy
 * of its invoice's amount remaining, or the amount due when it opened if the invoice is not stored.
 */
export async function listRevenueAtRisk(tx: Queryable): Promise<RevenueAtRisk[]> {
  const { rows } = await tx.query<RevenueAtRisk>(
    `select coalesce(g.currency, 'usd') as currency,
            sum(coalesce(g.invoice_amount_remaining, g.amount_due, 0))::float8 as "amountDue",
            count(*)::int as "openPeriods"
       from public.grace_periods g
      where g.status = 'open'
      group by 1 order by 1`,
  )
  return rows
}
