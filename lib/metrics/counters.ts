import 'server-only'
import type { Queryable } from '@/lib/db/types'
import { asService } from '@/lib/db/transactions'
import { logger } from '@/lib/log'

export type Labels = Record<string, string>

export interface CounterValue {
  name: string
  labels: Labels
  value: number
}

/** Raises a counter in the caller's transaction, so it counts exactly what commits. */
export async function bumpCounter(tx: Queryable, name: string, labels: Labels = {}, amount = 1): Promise<void> {
  await tx.query(`select public.bump_metric_counter($1, $2::jsonb, $3)`, [name, JSON.stringify(labels), amount])
}

/** For failures outside any transaction that commits (a route that failed): counted on its own, never throwing. */
export async function bumpCounterAlone(name: string, labels: Labels = {}): Promise<void> {
  try {
    await asService((tx) => bumpCounter(tx, name, labels))
  } catch (error) {
    logger.warn({ err: error, counter: name }, 'could not count')
  }
}

/** Every counter's value: its folded total plus the deltas raised since, webhook event transitions included. */
export async function listCounters(tx: Queryable): Promise<CounterValue[]> {
  const { rows } = await tx.query<CounterValue>(
    `select name, labels, sum(value)::float8 as value
       from (select name, labels, value from public.metric_counters
             union all select name, labels, value from public.metric_counter_deltas
             union all select name, labels, value from public.unfolded_webhook_transition_counters()
            ) as raised
      group by name, labels order by name`,
  )
  return rows
}

/** Folds the raised deltas into the totals (the webhook-retry job does, each run), so a scrape stays cheap. */
export async function foldCounters(tx: Queryable): Promise<number> {
  const { rows } = await tx.query<{ folded: number }>(`select public.fold_metric_counters() as folded`)
  return rows[0]!.folded
}
