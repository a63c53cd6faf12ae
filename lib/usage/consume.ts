import 'server-only'
import { now } from '@/lib/clock'
import { asService } from '@/lib/db/transactions'
import type { Queryable } from '@/lib/db/types'
import { refusalFor, type UsageAnswer, type UsageOutcome } from './answer'
import { getEntitlement, limitOf, type Entitlement } from './entitlement'

export interface UsageEvent {
  metric: string
  quantity: number
  idempotencyKey: string
}

/** Thrown when a concurrent request recorded the same idempotency key first: the transaction is retried. */
export class KeyTakenMeanwhile extends Error {}

async function storedAnswer(tx: Queryable, userId: string, key: string): Promise<UsageAnswer | null> {
  const { rows } = await tx.query<{ answer: UsageAnswer }>(`select answer from public.usage_records where user_id = $1 and idempotency_key = $2`, [userId, key])
  return rows[0]?.answer ?? null
}

/**
 * Adds the quantity to the period's total only if the total stays within the limit, in one statement: the
 * row lock orders concurrent requests, so none can pass the quota. Returns the new total, or null if refused.
 */
async function addWithinLimit(tx: Queryable, userId: string, event: UsageEvent, periodStart: Date, limit: number | null): Promise<number | null> {
  const { rows } = await tx.query<{ used: number }>(
    `insert into public.usage_totals (user_id, metric, period_start, used)
     select $1, $2, $3, $4 where $5::bigint is null or $4 <= $5
     on conflict (user_id, metric, period_start) do update set used = usage_totals.used + excluded.used
       where $5::bigint is null or usage_totals.used + excluded.used <= $5
     returning used`,
    [userId, event.metric, periodStart, event.quantity, limit],
  )
  return rows[0]?.used ?? null
}

async function currentTotal(tx: Queryable, userId: string, metric: string, periodStart: Date): Promise<number> {
  const { rows } = await tx.query<{ used: number }>(
    `select used from public.usage_totals where user_id = $1 and metric = $2 and period_start = $3`,
    [userId, metric, periodStart],
  )
  return rows[0]?.used ?? 0
}

export function answerFor(entitlement: Entitlement, metric: string, used: number): UsageAnswer {
  const limit = limitOf(entitlement, metric)
  return {
    metric,
    used,
    limit,
    remaining: limit === null ? null : Math.max(0, limit - used),
    resets_at: entitlement.period.end.toISOString(),
    warning: entitlement.graceEndsAt ? `Your last payment failed. Pay by ${entitlement.graceEndsAt.toISOString()} to keep your plan.` : null,
  }
}

/** One event in the caller's transaction: a repeated key gets its first answer; a refusal records nothing. */
async function consumeInTransaction(tx: Queryable, entitlement: Entitlement, event: UsageEvent, at: Date): Promise<UsageOutcome> {
  const { userId, period } = entitlement
  const earlier = await storedAnswer(tx, userId, event.idempotencyKey)
  if (earlier) return { allowed: true, answer: earlier }
  const used = await addWithinLimit(tx, userId, event, period.start, limitOf(entitlement, event.metric))
  if (used === null) {
    const answer = answerFor(entitlement, event.metric, await currentTotal(tx, userId, event.metric, period.start))
    return { allowed: false, answer, refusal: refusalFor(answer, entitlement.heldToFreePlan, at) }
  }
  const answer = answerFor(entitlement, event.metric, used)
  const { rows } = await tx.query(
    `insert into public.usage_records (user_id, metric, period_start, quantity, idempotency_key, recorded_at, answer)
     values ($1, $2, $3, $4, $5, $6, $7::jsonb) on conflict (user_id, idempotency_key) do nothing returning id`,
    [userId, event.metric, period.start, event.quantity, event.idempotencyKey, at, JSON.stringify(answer)],
  )
  if (rows.length === 0) throw new KeyTakenMeanwhile()
  return { allowed: true, answer }
}

/** Runs `work` in a transaction, once more if a concurrent request took one of its idempotency keys first. */
export async function withKeyRetry<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (error) {
    if (!(error instanceof KeyTakenMeanwhile)) throw error
    return work()
  }
}

/**
 * The one enforcement function: may this customer use `quantity` more of `metric` now? Decided from the plan's
 * quota, the period's usage and the grace state, and recorded when allowed, atomically. Refusals throw
 * (429 quota_exceeded, 402 payment_required) with the X-Quota-* headers.
 */
export async function consumeQuota(userId: string, event: UsageEvent, at = now()): Promise<UsageAnswer> {
  const outcome = await withKeyRetry(() => asService(async (tx) => consumeInTransaction(tx, await getEntitlement(tx, userId, at), event, at)))
  if (!outcome.allowed) throw outcome.refusal
  return outcome.answer
}
