import 'server-only'
import { now } from '@/lib/clock'
import { asService } from '@/lib/db/transactions'
import type { Queryable } from '@/lib/db/types'
import { refusalFor, type UsageAnswer, type UsageOutcome } from './answer'
import { answerFor, KeyTakenMeanwhile, withKeyRetry, type UsageEvent } from './consume'
import { getEntitlement, limitOf, paymentWouldAllow, type Entitlement } from './entitlement'

async function storedAnswers(tx: Queryable, userId: string, keys: string[]): Promise<Map<string, UsageAnswer>> {
  const { rows } = await tx.query<{ key: string; answer: UsageAnswer }>(
    `select idempotency_key as key, answer from public.usage_records where user_id = $1 and idempotency_key = any($2::text[])`,
    [userId, keys],
  )
  return new Map(rows.map((row) => [row.key, row.answer]))
}

/** The period's totals of these metrics, locked (rows made first where missing) until the batch commits. */
async function lockTotals(tx: Queryable, userId: string, periodStart: Date, metrics: string[]): Promise<Map<string, number>> {
  await tx.query(
    `insert into public.usage_totals (user_id, metric, period_start, used) select $1, metric, $2, 0 from unnest($3::text[]) as metric
     on conflict (user_id, metric, period_start) do nothing`,
    [userId, periodStart, metrics],
  )
  const { rows } = await tx.query<{ metric: string; used: number }>(
    `select metric, used from public.usage_totals where user_id = $1 and period_start = $2 and metric = any($3::text[]) order by metric for update`,
    [userId, periodStart, metrics],
  )
  return new Map(rows.map((row) => [row.metric, row.used]))
}

async function writeBatch(tx: Queryable, entitlement: Entitlement, totals: Map<string, number>, recorded: { event: UsageEvent; answer: UsageAnswer }[], at: Date) {
  const { userId, period } = entitlement
  await tx.query(
    `update public.usage_totals t set used = v.used from unnest($3::text[], $4::bigint[]) as v(metric, used)
      where t.user_id = $1 and t.period_start = $2 and t.metric = v.metric`,
    [userId, period.start, [...totals.keys()], [...totals.values()]],
  )
  const { rows } = await tx.query(
    `insert into public.usage_records (user_id, metric, period_start, quantity, idempotency_key, recorded_at, answer)
     select $1, r.metric, $2, r.quantity, r.key, $3, r.answer
       from unnest($4::text[], $5::bigint[], $6::text[], $7::jsonb[]) as r(metric, quantity, key, answer)
     on conflict (user_id, idempotency_key) do nothing returning id`,
    [userId, period.start, at, recorded.map((r) => r.event.metric), recorded.map((r) => r.event.quantity), recorded.map((r) => r.event.idempotencyKey), recorded.map((r) => JSON.stringify(r.answer))],
  )
  if (rows.length !== recorded.length) throw new KeyTakenMeanwhile()
}

/**
 * Records a batch of one customer's events in a handful of statements, whatever its size: the totals are
 * locked, each event is allowed in order while it fits its quota, and everything is written at once. The
 * outcome is what the same events sent one by one would get.
 */
async function consumeBatchInTransaction(tx: Queryable, entitlement: Entitlement, events: UsageEvent[], at: Date): Promise<UsageOutcome[]> {
  const earlier = await storedAnswers(tx, entitlement.userId, events.map((event) => event.idempotencyKey))
  const fresh = events.filter((event) => !earlier.has(event.idempotencyKey))
  const totals = fresh.length > 0 ? await lockTotals(tx, entitlement.userId, entitlement.period.start, [...new Set(fresh.map((event) => event.metric))]) : new Map<string, number>()
  const answered = new Map<string, UsageOutcome>([...earlier].map(([key, answer]) => [key, { allowed: true, answer }]))
  const recorded: { event: UsageEvent; answer: UsageAnswer }[] = []
  for (const event of fresh) {
    if (answered.has(event.idempotencyKey)) continue
    const used = totals.get(event.metric) ?? 0
    const limit = limitOf(entitlement, event.metric)
    if (limit !== null && used + event.quantity > limit) {
      const answer = answerFor(entitlement, event.metric, used)
      answered.set(event.idempotencyKey, { allowed: false, answer, refusal: refusalFor(answer, paymentWouldAllow(entitlement, event.metric, used + event.quantity), at) })
      continue
    }
    totals.set(event.metric, used + event.quantity)
    const answer = answerFor(entitlement, event.metric, used + event.quantity)
    answered.set(event.idempotencyKey, { allowed: true, answer })
    recorded.push({ event, answer })
  }
  if (recorded.length > 0) await writeBatch(tx, entitlement, totals, recorded, at)
  // A key repeated within the batch gets the answer of its first occurrence.
  return events.map((event) => answered.get(event.idempotencyKey)!)
}

/** Up to 1,000 events of one customer, each allowed or refused in order, in one transaction. */
export async function consumeQuotaBatch(userId: string, events: UsageEvent[], at = now()): Promise<UsageOutcome[]> {
  return withKeyRetry(() => asService(async (tx) => consumeBatchInTransaction(tx, await getEntitlement(tx, userId, at), events, at)))
}
