import 'server-only'
import type { Queryable } from '@/lib/db/types'
import { MAX_RETRIES } from '@/lib/retry-schedule'

/** How long a worker owns a claimed event; past it, the retry job assumes the worker died and reclaims it. */
export const LEASE_MS = 60_000

export interface Claim {
  id: string
  claimId: string
  attempt: number
  /** Whose rows the event writes: its object's customer, or the object itself (a customer, a price). */
  owner: string
}

/** What every claim returns, under any statement that claims events. */
export const CLAIM_COLUMNS = `id, claim_id as "claimId", attempts as "attempt",
  coalesce(payload #>> '{data,object,customer}', payload #>> '{data,object,id}', id) as "owner"`

/** What a claim may take: every due event, or only those stored and never attempted. */
const CLAIMABLE = {
  due: `(status in ('received', 'failed') and next_attempt_at <= $1) or (status = 'processing' and locked_until <= $1)`,
  received: `status = 'received' and next_attempt_at <= $1`,
}

async function claimBatch(tx: Queryable, which: keyof typeof CLAIMABLE, limit: number, now: Date): Promise<Claim[]> {
  const { rows } = await tx.query<Claim>(
    `update public.webhook_events e
        set status = 'processing', claim_id = gen_random_uuid(), locked_until = $2, attempts = e.attempts + 1
      where e.id in (
        select id from public.webhook_events
         where ${CLAIMABLE[which]}
         order by coalesce(next_attempt_at, locked_until)
         limit $3
         for update skip locked)
      returning ${CLAIM_COLUMNS}`,
    [now, new Date(now.getTime() + LEASE_MS), limit],
  )
  return rows
}

/**
 * Claims up to `limit` events that are due, or whose worker's lease ran out. SKIP LOCKED lets overlapping
 * runs and many instances claim disjoint sets; the attempt is counted at claim time, so an event that kills
 * its worker still runs out of attempts.
 */
export function claimDueEvents(tx: Queryable, limit: number, now: Date): Promise<Claim[]> {
  return claimBatch(tx, 'due', limit, now)
}

/** Claims up to `limit` events stored and not yet attempted, oldest first; retries stay with the retry job. */
export function claimReceivedEvents(tx: Queryable, limit: number, now: Date): Promise<Claim[]> {
  return claimBatch(tx, 'received', limit, now)
}

/**
 * Claims one event just stored, unless a worker already took it: how a delivery's own request applies it.
 */
export async function claimReceivedEvent(tx: Queryable, id: string, now: Date): Promise<Claim | null> {
  const { rows } = await tx.query<Claim>(
    `update public.webhook_events set status = 'processing', claim_id = gen_random_uuid(), locked_until = $2, attempts = attempts + 1
      where id = $1 and status = 'received'
      returning ${CLAIM_COLUMNS}`,
    [id, new Date(now.getTime() + LEASE_MS)],
  )
  return rows[0] ?? null
}

/**
 * An event whose worker died on its last attempt is dead, not reclaimed: otherwise an event that crashes
 * every worker that takes it would be retried forever. Returns how many it buried.
 */
export async function buryAbandonedEvents(tx: Queryable, now: Date, release: string): Promise<number> {
  const { rowCount } = await tx.query(
    `update public.webhook_events
        set status = 'dead', claim_id = null, locked_until = null, next_attempt_at = null, dead_release = $3,
            last_error = 'the worker stopped before finishing its last attempt'
      where status = 'processing' and locked_until <= $1 and attempts > $2`,
    [now, MAX_RETRIES, release],
  )
  return rowCount
}
