import 'server-only'
import type Stripe from 'stripe'
import { now as clockNow } from '@/lib/clock'
import { asService } from '@/lib/db/transactions'
import { logger } from '@/lib/log'
import { MAX_RETRIES, retryDelayMs } from './backoff'
import type { Claim } from './claim'
import { EVENT_HANDLERS } from './handlers'
import type { EventHandler } from './handlers/types'

export type ProcessOutcome = 'processed' | 'ignored' | 'failed' | 'dead' | 'lost_claim'
export type HandlerMap = Partial<Record<string, EventHandler>>

/**
 * Applies a claimed event and marks it processed in one transaction, so its effects and its status commit
 * together. The row is re-read under lock by claim id: a worker whose lease ran out and was reclaimed
 * applies nothing.
 */
export async function processClaimedEvent(claim: Claim, handlers: HandlerMap = EVENT_HANDLERS, now = clockNow): Promise<ProcessOutcome> {
  const startedAt = performance.now()
  let eventType: string | undefined
  const log = (outcome: ProcessOutcome, error?: unknown) =>
    logger[error ? 'warn' : 'info'](
      { eventId: claim.id, eventType, attempt: claim.attempt, outcome, durationMs: Math.round(performance.now() - startedAt), err: error },
      'webhook event',
    )
  try {
    const outcome = await asService(async (tx) => {
      const { rows } = await tx.query<{ type: string; payload: Stripe.Event }>(
        `select type, payload from public.webhook_events where id = $1 and claim_id = $2 and status = 'processing' for update`,
        [claim.id, claim.claimId],
      )
      const event = rows[0]
      if (!event) return 'lost_claim' as const
      eventType = event.type
      const handler = handlers[event.type]
      if (handler) await handler(tx, event.payload)
      const status = handler ? 'processed' : 'ignored'
      await tx.query(
        `update public.webhook_events set status = $2, processed_at = $3, next_attempt_at = null, locked_until = null,
           claim_id = null, last_error = null where id = $1`,
        [claim.id, status, now()],
      )
      return status
    })
    log(outcome)
    return outcome
  } catch (error) {
    const outcome = await recordFailure(claim, error, now())
    log(outcome, error)
    return outcome
  }
}

/** Reschedules with backoff, or dead-letters after the last retry; a lost claim is left to its new owner. */
async function recordFailure(claim: Claim, error: unknown, at: Date): Promise<'failed' | 'dead' | 'lost_claim'> {
  const message = (error instanceof Error ? error.message : String(error)).slice(0, 2000)
  // The first attempt is not a retry: an event gets MAX_RETRIES more before it is dead.
  const dead = claim.attempt > MAX_RETRIES
  const { rowCount } = await asService((tx) =>
    tx.query(
      `update public.webhook_events set status = $3, next_attempt_at = $4, locked_until = null, claim_id = null,
         last_error = $5 where id = $1 and claim_id = $2`,
      [claim.id, claim.claimId, dead ? 'dead' : 'failed', dead ? null : new Date(at.getTime() + retryDelayMs(claim.attempt)), message],
    ),
  )
  if (rowCount === 0) return 'lost_claim'
  return dead ? 'dead' : 'failed'
}
