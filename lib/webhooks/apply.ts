import 'server-only'
import type Stripe from 'stripe'
import type { Queryable } from '@/lib/db/types'
import { MAX_RETRIES, retryDelayMs } from '@/lib/retry-schedule'
import type { Claim } from './claim'
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
 * Marks a claimed event done and runs its handler in the caller's transaction, so the outcome and the
 * handler's writes commit together, or (when the handler throws) neither does. Null when the claim was lost.
 */
export async function applyEvent(
  tx: Queryable,
  claim: Claim,
  handlers: HandlerMap,
  at: Date,
  fetches: StripeFetches,
): Promise<{ type: string; outcome: 'processed' | 'ignored' } | null> {
  const handledTypes = Object.keys(handlers).filter((type) => handlers[type])
  // One statement both locks the row under this claim and records the outcome.
  const { rows } = await tx.query<StoredEvent & { outcome: 'processed' | 'ignored' }>(
    `update public.webhook_events
        set status = case when type = any($3::text[]) then 'processed' else 'ignored' end, attempts = $4,
            processed_at = $5, next_attempt_at = null, locked_until = null, claim_id = null, last_error = null
      where id = $1 and claim_id = $2 and status = 'processing'
      returning id, type, payload, status as outcome`,
    [claim.id, claim.claimId, handledTypes, claim.attempt, at],
  )
  const event = rows[0]
  if (!event) return null
  const handler = handlers[event.type]
  if (handler) await handler(tx, event.payload, fetches)
  return { type: event.type, outcome: event.outcome }
}
