import 'server-only'
import { now } from '@/lib/clock'
import { getDb } from '@/lib/db/client'
import type { Queryable } from '@/lib/db/types'
import { refusalFor, type UsageAnswer, type UsageOutcome } from './answer'
import { callerParams, customerFound, type UsageCaller, type WhoRow } from './caller'
import { entitlementParams, limitOf, paymentWouldAllow, toEntitlement, type Entitlement, type EntitlementRow } from './entitlement'

export interface UsageEvent {
  metric: string
  quantity: number
  idempotencyKey: string
}

/** Thrown when a concurrent request recorded the same idempotency key first: the work is retried. */
export class KeyTakenMeanwhile extends Error {}

/** The grace warning, %s the deadline: `public.consume_usage` words the answers it stores with it. */
const GRACE_WARNING = 'Your last payment failed. Pay by %s to keep your plan.'

export function answerFor(entitlement: Entitlement, metric: string, used: number): UsageAnswer {
  const limit = limitOf(entitlement, metric)
  return {
    metric,
    used,
    limit,
    remaining: limit === null ? null : Math.max(0, limit - used),
    resets_at: entitlement.period.end.toISOString(),
    warning: entitlement.graceEndsAt ? GRACE_WARNING.replace('%s', entitlement.graceEndsAt.toISOString()) : null,
  }
}

/*
 * The hottest path's only round trip: `public.consume_usage` decides against the customer's entitlement and
 * records atomically; for a backend, `consume_usage_with_key` checks its key and finds the customer it names in
 * the same call. $1–$6 are the event's, the rest the caller's (`callerParams`).
 */
const consumeSql = (caller: UsageCaller) =>
  caller.kind === 'backend'
    ? `select * from public.consume_usage_with_key($7, $8, $9, $1, $2, $3, $4, $5, $6)`
    : `select $7::uuid as user_id, c.* from public.consume_usage($7, $1, $2, $3, $4, $5, $6) c`

interface ConsumeRow extends WhoRow, EntitlementRow {
  earlier: UsageAnswer | null
  used: number | null
  used_before: number | null
}

/** A concurrent request recorded the same idempotency key first: its insert failed, undoing the whole event. */
function keyTakenMeanwhile(error: unknown): boolean {
  const { code, constraint } = error as { code?: string; constraint?: string }
  return code === '23505' && constraint === 'usage_records_user_id_idempotency_key_key'
}

/** One event in one statement: a repeated key gets its first answer; a refusal records nothing. */
async function consumeEvent(db: Queryable, caller: UsageCaller, customer: string | undefined, event: UsageEvent, at: Date): Promise<UsageOutcome> {
  const params = [event.metric, event.quantity, event.idempotencyKey, ...entitlementParams(at), GRACE_WARNING, ...callerParams(caller, customer)]
  const { rows } = await db.query<ConsumeRow>(consumeSql(caller), params).catch((error) => {
    throw keyTakenMeanwhile(error) ? new KeyTakenMeanwhile() : error
  })
  const userId = await customerFound(db, rows[0], customer)
  const row = rows[0]!
  const entitlement = toEntitlement(row, userId)
  if (row.earlier) return { allowed: true, answer: row.earlier }
  if (row.used === null) {
    const answer = answerFor(entitlement, event.metric, Number(row.used_before))
    return { allowed: false, answer, refusal: refusalFor(answer, paymentWouldAllow(entitlement, event.metric, answer.used + event.quantity), at) }
  }
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
 * `consumeQuota` for whoever calls `POST /api/usage`: one statement on the service path, atomic by itself, so
 * a transaction would add only its begin and commit round trips to the hottest route.
 */
export async function recordUsage(caller: UsageCaller, customer: string | undefined, event: UsageEvent, at = now()): Promise<UsageAnswer> {
  const db = await getDb()
  const outcome = await withKeyRetry(() => consumeEvent(db, caller, customer, event, at))
  if (!outcome.allowed) throw outcome.refusal
  return outcome.answer
}
