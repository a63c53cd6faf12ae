import 'server-only'
import { now } from '@/lib/clock'
import { getDb } from '@/lib/db/client'
import type { Queryable } from '@/lib/db/types'
import { refusalFor, type UsageAnswer, type UsageOutcome } from './answer'
import { resolveCustomerIn, type UsageCaller } from './caller'
import { getEntitlement, limitOf, paymentWouldAllow, type Entitlement } from './entitlement'

export interface UsageEvent {
  metric: string
  quantity: number
  idempotencyKey: string
}

/** Thrown when a concurrent request recorded the same idempotency key first: the transaction is retried. */
export class KeyTakenMeanwhile extends Error {}

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

/*
 * One statement: unless the key was seen, add the quantity to the period's total only if it stays within the
 * limit (the row lock orders concurrent requests, so none can pass the quota), then record the event with its
 * answer. `earlier` is the first answer for a repeated key; `used` null without one means refused.
 */
const CONSUME_SQL = `
  with earlier as (
    select answer from public.usage_records where user_id = $1 and idempotency_key = $5
  ), added as (
    insert into public.usage_totals (user_id, metric, period_start, used)
    select $1, $2, $3, $4 where not exists (select 1 from earlier) and ($6::bigint is null or $4 <= $6)
    on conflict (user_id, metric, period_start) do update set used = usage_totals.used + excluded.used
      where $6::bigint is null or usage_totals.used + excluded.used <= $6
    returning used
  ), recorded as (
    insert into public.usage_records (user_id, metric, period_start, quantity, idempotency_key, recorded_at, answer)
    select $1, $2, $3, $4, $5, $7,
           $8::jsonb || jsonb_build_object('used', used, 'remaining', case when $6::bigint is null then null else greatest(0, $6 - used) end)
      from added
    on conflict (user_id, idempotency_key) do nothing
    returning id
  )
  select (select answer from earlier) as earlier, (select used from added) as used, (select count(*) from recorded)::int as recorded,
         coalesce((select used from public.usage_totals where user_id = $1 and metric = $2 and period_start = $3), 0) as "usedBefore"`

interface ConsumeRow {
  earlier: UsageAnswer | null
  used: number | null
  recorded: number
  usedBefore: number
}

/** One event in one statement: a repeated key gets its first answer; a refusal records nothing. */
async function consumeEvent(tx: Queryable, entitlement: Entitlement, event: UsageEvent, at: Date): Promise<UsageOutcome> {
  const { userId, period } = entitlement
  const limit = limitOf(entitlement, event.metric)
  const { used: _used, remaining: _remaining, ...unchanging } = answerFor(entitlement, event.metric, 0)
  const { rows } = await tx.query<ConsumeRow>(CONSUME_SQL, [userId, event.metric, period.start, event.quantity, event.idempotencyKey, limit, at, JSON.stringify(unchanging)])
  const row = rows[0]!
  if (row.earlier) return { allowed: true, answer: row.earlier }
  if (row.used === null) {
    const answer = answerFor(entitlement, event.metric, Number(row.usedBefore))
    return { allowed: false, answer, refusal: refusalFor(answer, paymentWouldAllow(entitlement, event.metric, answer.used + event.quantity), at) }
  }
  if (row.recorded === 0) throw new KeyTakenMeanwhile()
  return { allowed: true, answer: answerFor(entitlement, event.metric, Number(row.used)) }
}

/** Runs `work` once more if a concurrent request took one of its idempotency keys first. */
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
  return recordUsage({ kind: 'customer', userId }, undefined, event, at)
}

/**
 * `consumeQuota` for whoever calls `POST /api/usage`. Three statements on the service path and no transaction
 * around them: the decision and the record are one statement, atomic by itself, so a transaction would add
 * only its begin and commit round trips to the hottest route.
 */
export async function recordUsage(caller: UsageCaller, customer: string | undefined, event: UsageEvent, at = now()): Promise<UsageAnswer> {
  const db = await getDb()
  const outcome = await withKeyRetry(async () => {
    const userId = await resolveCustomerIn(db, caller, customer)
    return consumeEvent(db, await getEntitlement(db, userId, at), event, at)
  })
  if (!outcome.allowed) throw outcome.refusal
  return outcome.answer
}
