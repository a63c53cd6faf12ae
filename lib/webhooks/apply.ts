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

/**
 * Runs the event's handler inside the caller's transaction and records the outcome on the event row. A
 * savepoint confines a handler failure to the handler's own writes: the event row survives, rescheduled
 * with backoff, or dead after its last retry.
 */
export async function applyEvent(tx: Queryable, event: StoredEvent, attempt: number, handlers: HandlerMap, at: Date): Promise<{ outcome: ApplyOutcome; error?: unknown }> {
  const handler = handlers[event.type]
  if (!handler) {
    await markDone(tx, event.id, 'ignored', attempt, at)
    return { outcome: 'ignored' }
  }
  await tx.query('savepoint apply_event')
  try {
    await handler(tx, event.payload)
  } catch (error) {
    await tx.query('rollback to savepoint apply_event')
    // The first attempt is not a retry: an event gets MAX_RETRIES more before it is dead.
    const dead = attempt > MAX_RETRIES
    await tx.query(
      `update public.webhook_events set status = $2, attempts = $3, next_attempt_at = $4, locked_until = null,
         claim_id = null, last_error = $5 where id = $1`,
      [event.id, dead ? 'dead' : 'failed', attempt, dead ? null : new Date(at.getTime() + retryDelayMs(attempt)), describe(error)],
    )
    return { outcome: dead ? 'dead' : 'failed', error }
  }
  await tx.query('release savepoint apply_event')
  await markDone(tx, event.id, 'processed', attempt, at)
  return { outcome: 'processed' }
}

async function markDone(tx: Queryable, id: string, status: 'processed' | 'ignored', attempt: number, at: Date) {
  await tx.query(
    `update public.webhook_events set status = $2, attempts = $3, processed_at = $4, next_attempt_at = null,
       locked_until = null, claim_id = null, last_error = null where id = $1`,
    [id, status, attempt, at],
  )
}

const describe = (error: unknown) => (error instanceof Error ? error.message : String(error)).slice(0, 2000)
