import 'server-only'
import type Stripe from 'stripe'
import type { Queryable } from '@/lib/db/types'
import { MAX_RETRIES, retryDelayMs } from './backoff'
import type { EventHandler } from './handlers/types'

export type HandlerMap = Partial<Record<string, EventHandler>>
export type ApplyOutcome = 'processed' | 'ignored' | 'failed' | 'dead'

export interface StoredEvent {
  id: string
  type: string
  payload: Stripe.Event
}

/** Records the outcome the event will have if its handler succeeds in this transaction. */
export async function markDone(tx: Queryable, id: string, status: 'processed' | 'ignored', attempt: number, at: Date): Promise<void> {
  await tx.query(
    `update public.webhook_events set status = $2, attempts = $3, processed_at = $4, next_attempt_at = null,
       locked_until = null, claim_id = null, last_error = null where id = $1`,
    [id, status, attempt, at],
  )
}

/**
 * Runs the handler of an event whose row already says `processed`, in the caller's transaction. A savepoint
 * confines a failure to the handler's own writes: the event row survives, rescheduled with backoff, or
 * dead after its last retry. The row is marked before the handler runs because the handler's audit entry
 * locks the audit chain until commit: the fewer statements after it, the less deliveries wait on each other.
 */
export async function runHandler(tx: Queryable, event: StoredEvent, attempt: number, handler: EventHandler, at: Date): Promise<{ outcome: ApplyOutcome; error?: unknown }> {
  await tx.query('savepoint apply_event')
  try {
    await handler(tx, event.payload)
  } catch (error) {
    await tx.query('rollback to savepoint apply_event')
    // The first attempt is not a retry: an event gets MAX_RETRIES more before it is dead.
    const dead = attempt > MAX_RETRIES
    await tx.query(
      `update public.webhook_events set status = $2, attempts = $3, next_attempt_at = $4, processed_at = null,
         locked_until = null, claim_id = null, last_error = $5 where id = $1`,
      [event.id, dead ? 'dead' : 'failed', attempt, dead ? null : new Date(at.getTime() + retryDelayMs(attempt)), describe(error)],
    )
    return { outcome: dead ? 'dead' : 'failed', error }
  }
  // No RELEASE: the commit ends the savepoint without another round trip while the chain is locked.
  return { outcome: 'processed' }
}

/** Applies a stored event in the caller's transaction (the retry job's path). */
export async function applyEvent(tx: Queryable, event: StoredEvent, attempt: number, handlers: HandlerMap, at: Date): Promise<{ outcome: ApplyOutcome; error?: unknown }> {
  const handler = handlers[event.type]
  await markDone(tx, event.id, handler ? 'processed' : 'ignored', attempt, at)
  if (!handler) return { outcome: 'ignored' }
  return runHandler(tx, event, attempt, handler, at)
}

const describe = (error: unknown) => (error instanceof Error ? error.message : String(error)).slice(0, 2000)
