import 'server-only'
import { isDeepStrictEqual } from 'node:util'
import { recordAudit, type AuditEntry } from '@/lib/audit/record'
import type { Viewer } from '@/lib/auth/claims'
import { assertAdmin } from '@/lib/auth/require-admin'
import { now } from '@/lib/clock'
import { asService } from '@/lib/db/transactions'
import type { Queryable } from '@/lib/db/types'
import { AppError } from '@/lib/http/errors'
import type { Json } from '@/lib/http/json'

/** One admin action on one customer, named by the idempotency key its confirmation dialog made when it opened. */
export interface ActionRequest {
  key: string
  action: string
  userId: string
  /** The request as validated; a key sent again with other parameters is refused. */
  params: Record<string, unknown>
}

/** What an action did: its answer, and the audit entry written in the same transaction that records the answer. */
export interface ActionDone<Result> {
  result: Result
  audit: Pick<AuditEntry, 'subject' | 'before' | 'after'> & { context?: Record<string, unknown> }
}

interface StoredRequest {
  action: string
  userId: string
  params: Record<string, unknown>
  status: 'running' | 'succeeded' | 'failed'
  response: unknown
  claimedAt: Date
}

/** A claim older than this is taken as abandoned (its instance died mid-action) and run again under the same Stripe key. */
export const ABANDONED_AFTER_MS = 60_000
const WAIT_STEP_MS = 250
const WAIT_STEPS = 40

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Takes the key for this instance: a new key, or one whose earlier claim was abandoned. */
async function claim(viewer: Viewer, request: ActionRequest): Promise<boolean> {
  return asService(async (tx) => {
    const at = now()
    const inserted = await tx.query(
      `insert into public.admin_action_requests (idempotency_key, action, user_id, actor_id, params, claimed_at)
       values ($1, $2, $3, $4, $5::jsonb, $6) on conflict (idempotency_key) do nothing returning idempotency_key`,
      [request.key, request.action, request.userId, viewer.id, JSON.stringify(request.params), at],
    )
    if (inserted.rows.length > 0) return true
    const retaken = await tx.query(
      `update public.admin_action_requests set claimed_at = $2, actor_id = $3
        where idempotency_key = $1 and status = 'running' and claimed_at < $4 and action = $5 and user_id = $6 and params = $7::jsonb
        returning idempotency_key`,
      [request.key, at, viewer.id, new Date(at.getTime() - ABANDONED_AFTER_MS), request.action, request.userId, JSON.stringify(request.params)],
    )
    return retaken.rows.length > 0
  })
}

async function load(key: string): Promise<StoredRequest | null> {
  const { rows } = await asService((tx) =>
    tx.query<StoredRequest>(
      `select action, user_id as "userId", params, status, response, claimed_at as "claimedAt"
         from public.admin_action_requests where idempotency_key = $1`,
      [key],
    ),
  )
  return rows[0] ?? null
}

/** The first request's answer, for a key sent again: its result, or the refusal it got. */
function replay<Result>(stored: StoredRequest): Result {
  if (stored.status === 'succeeded') return stored.response as Result
  const { code, message, status } = stored.response as { code: string; message: string; status: number }
  throw new AppError(code, message, status)
}

async function settleIn(tx: Queryable, key: string, status: 'succeeded' | 'failed', response: unknown, audit?: AuditEntry): Promise<void> {
  if (audit) await recordAudit(tx, audit)
  await tx.query(`update public.admin_action_requests set status = $2, response = $3::jsonb, completed_at = $4 where idempotency_key = $1`, [
    key,
    status,
    JSON.stringify(response),
    now(),
  ])
}

const settle = (key: string, status: 'succeeded' | 'failed', response: unknown, audit?: AuditEntry) =>
  asService((tx) => settleIn(tx, key, status, response, audit))

/** The answer as it is stored (dates as strings), so the first request and a repeat of it get the very same. */
const asStored = <Result>(result: Result): Json<Result> => JSON.parse(JSON.stringify(result))

/** Takes the key, or answers what the request that took it first answered: `{ replay }`. */
async function claimOrReplay<Result>(viewer: Viewer, request: ActionRequest): Promise<{ replay: Json<Result> } | null> {
  assertAdmin(viewer)
  for (let step = 0; !(await claim(viewer, request)); step++) {
    const stored = await load(request.key)
    if (!stored) continue
    if (stored.action !== request.action || stored.userId !== request.userId || !isDeepStrictEqual(stored.params, request.params)) {
      throw new AppError('idempotency_key_reused', 'This confirmation was already used for another action. Close the dialog and open it again.', 422)
    }
    if (stored.status !== 'running') return { replay: replay<Json<Result>>(stored) }
    if (step >= WAIT_STEPS) throw new AppError('action_in_progress', 'This action is still being applied. Reload the page in a moment to see its outcome.', 409)
    await sleep(WAIT_STEP_MS)
  }
  return null
}

function auditEntry(viewer: Viewer, request: ActionRequest, audit: ActionDone<unknown>['audit']): AuditEntry {
  return {
    actor: { type: 'admin', id: viewer.id },
    action: request.action,
    subject: audit.subject,
    userId: request.userId,
    before: audit.before,
    after: audit.after,
    context: { ...audit.context, idempotencyKey: request.key, email: viewer.email },
  }
}

/**
 * Runs an admin action in Stripe once per idempotency key, across instances: the key is a unique row, so a
 * second request (a double click, a retry, another server) gets the first one's answer and acts nothing twice.
 * `perform` gets the key to pass to Stripe, so even an action whose instance died between Stripe and this table
 * is not repeated there when it is run again. The audit entry and the stored answer commit together.
 */
export async function runAdminActionOnce<Result>(viewer: Viewer, request: ActionRequest, perform: (stripeKey: string) => Promise<ActionDone<Result>>): Promise<Json<Result>> {
  const earlier = await claimOrReplay<Result>(viewer, request)
  if (earlier) return earlier.replay
  let done: ActionDone<Result>
  try {
    done = await perform(`admin-action-${request.key}`)
  } catch (error) {
    if (error instanceof AppError) await settle(request.key, 'failed', { code: error.code, message: error.message, status: error.status })
    // Otherwise Stripe may or may not have acted: the claim stays, and a request with the same key after it is
    // abandoned runs again under the same Stripe key, which Stripe answers as it did the first time.
    throw error
  }
  await settle(request.key, 'succeeded', done.result, auditEntry(viewer, request, done.audit))
  return asStored(done.result)
}

/** The same for an action on the app's own data: its writes, its audit entry and its stored answer are one transaction. */
export async function runDatabaseActionOnce<Result>(viewer: Viewer, request: ActionRequest, perform: (tx: Queryable) => Promise<ActionDone<Result>>): Promise<Json<Result>> {
  const earlier = await claimOrReplay<Result>(viewer, request)
  if (earlier) return earlier.replay
  try {
    return await asService(async (tx) => {
      const done = await perform(tx)
      await settleIn(tx, request.key, 'succeeded', done.result, auditEntry(viewer, request, done.audit))
      return asStored(done.result)
    })
  } catch (error) {
    if (error instanceof AppError) await settle(request.key, 'failed', { code: error.code, message: error.message, status: error.status })
    throw error
  }
}
