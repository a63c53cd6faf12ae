import 'server-only'
import { randomUUID } from 'node:crypto'
import type { Queryable } from '@/lib/db/types'
import { MAX_RETRIES, retryDelayMs } from '@/lib/retry-schedule'

/** How long a claimed message is a sender's own; one whose sender died is claimed again after it. */
export const SEND_LEASE_SECONDS = 60

export interface ClaimedNotification {
  id: string
  claimId: string
  kind: string
  payload: Record<string, unknown>
  attempts: number
  email: string | null
}

/**
 * Claims due messages under a lease with FOR UPDATE SKIP LOCKED, so overlapping senders never take the same
 * one, and commits the claim before anything is sent: no row lock or connection is held while SMTP talks.
 */
export async function claimDueNotifications(tx: Queryable, at: Date, limit: number): Promise<ClaimedNotification[]> {
  const { rows } = await tx.query<ClaimedNotification>(
    `with due as (
       select id from public.notifications
        where status = 'pending' and (next_attempt_at is null or next_attempt_at <= $1)
          and (locked_until is null or locked_until <= $1)
        order by created_at, id limit $2 for update skip locked)
     update public.notifications n
        set claim_id = $3, locked_until = $1::timestamptz + make_interval(secs => $4::int), attempts = n.attempts + 1
       from due where n.id = due.id
     returning n.id, n.claim_id as "claimId", n.kind, n.payload, n.attempts,
       (select coalesce(c.email, u.email) from auth.users u left join public.customers c on c.user_id = u.id
         where u.id = n.user_id) as email`,
    [at, limit, randomUUID(), SEND_LEASE_SECONDS],
  )
  return rows
}

/** Returns false when the claim was lost (the lease ran out and another sender took the message). */
export async function markSent(tx: Queryable, claim: ClaimedNotification, at: Date): Promise<boolean> {
  const { rowCount } = await tx.query(
    `update public.notifications set status = 'sent', sent_at = $3, claim_id = null, locked_until = null, last_error = null
      where id = $1 and claim_id = $2 and status = 'pending'`,
    [claim.id, claim.claimId, at],
  )
  return rowCount === 1
}

/** Schedules a retry with the webhooks' backoff, or, after the last retry, ends the message as 'failed'. */
export async function markFailed(tx: Queryable, claim: ClaimedNotification, error: unknown, at: Date): Promise<'retry' | 'failed' | 'lost_claim'> {
  const failed = claim.attempts > MAX_RETRIES
  const { rowCount } = await tx.query(
    `update public.notifications set status = $3, next_attempt_at = $4, last_error = $5, claim_id = null, locked_until = null
      where id = $1 and claim_id = $2 and status = 'pending'`,
    [
      claim.id,
      claim.claimId,
      failed ? 'failed' : 'pending',
      failed ? null : new Date(at.getTime() + retryDelayMs(claim.attempts)),
      (error instanceof Error ? error.message : String(error)).slice(0, 2000),
    ],
  )
  if (rowCount !== 1) return 'lost_claim'
  return failed ? 'failed' : 'retry'
}
