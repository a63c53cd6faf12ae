import 'server-only'
import type Stripe from 'stripe'
import type { Queryable } from '@/lib/db/types'
import { MAX_RETRIES, retryDelayMs } from '@/lib/retry-schedule'
import type { EventHandler } from './handlers/types'
import type { StripeFetches } from './stripe-fetches'

export type HandlerMap = Partial<Record<string, EventHandler>>
export type ApplyOutcome = 'processed' | 'ignored' | 'failed' | 'dead'

export interface StoredEvent {
  id: string
  type: string
  payload: Stripe.Event
}

/** What a failed attempt leaves behind: the next retry with backoff, or dead after the last one. */
export function failureState(attempt: number, error: unknown, at: Date) {
  // The first attempt is not a retry: an event gets MAX_RETRIES more before it is dead.
  const dead = attempt > MAX_RETRIES
  return {
    status: dead ? ('dead' as const) : ('failed' as const),
    nextAttemptAt: dead ? null : new Date(at.getTime() + retryDelayMs(attempt)),
    lastError: (error instanceof Error ? error.message : String(error)).slice(0, 2000),
  }
}

/**
 * Marks the event done and runs its handler in the caller's transaction, so the outcome and the handler's
 * writes commit together, or (when the handler throws) neither does.
 */
export async function applyEvent(
  tx: Queryable,
  event: StoredEvent,
  attempt: number,
  handlers: HandlerMap,
  at: Date,
  fetches: StripeFetches,
): Promise<'processed' | 'ignored'> {
  const handler = handlers[event.type]
  const status = handler ? 'processed' : 'ignored'
  await tx.query(
    `update public.webhook_events set status = $2, attempts = $3, processed_at = $4, next_attempt_at = null,
       locked_until = null, claim_id = null, last_error = null where id = $1`,
    [event.id, status, attempt, at],
  )
  if (handler) await handler(tx, event.payload, fetches)
  return status
}
