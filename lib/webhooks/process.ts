import 'server-only'
import type Stripe from 'stripe'
import { now } from '@/lib/clock'
import { asService } from '@/lib/db/transactions'
import { logger } from '@/lib/log'
import { MAX_RETRIES, retryDelayMs } from './backoff'
import { EVENT_HANDLERS } from './handlers'

export type ProcessOutcome = 'processed' | 'ignored' | 'failed' | 'dead' | 'skipped'

interface ClaimedEvent {
  id: string
  type: string
  payload: Stripe.Event
  attempts: number
}

/**
 * Applies a stored event and marks it processed, all in one transaction: a failure leaves no partial
 * state behind, only the event rescheduled (or dead after its last retry).
 */
export async function processEvent(eventId: string): Promise<ProcessOutcome> {
  const startedAt = performance.now()
  let attempt = 0
  let eventType: string | undefined
  try {
    const outcome = await asService(async (tx) => {
      const { rows } = await tx.query<ClaimedEvent>(
        `select id, type, payload, attempts from public.webhook_events
          where id = $1 and status in ('received', 'failed') for update skip locked`,
        [eventId],
      )
      const event = rows[0]
      if (!event) return 'skipped' as const
      attempt = event.attempts + 1
      eventType = event.type
      const handler = EVENT_HANDLERS[event.type]
      if (handler) await handler(tx, event.payload)
      const status = handler ? 'processed' : 'ignored'
      await tx.query(
        `update public.webhook_events set status = $2, attempts = attempts + 1, processed_at = $3,
           next_attempt_at = null, locked_until = null, last_error = null where id = $1`,
        [eventId, status, now()],
      )
      return status
    })
    logger.info({ eventId, eventType, attempt, outcome, durationMs: Math.round(performance.now() - startedAt) }, 'webhook event')
    return outcome
  } catch (error) {
    const outcome = await recordFailure(eventId, error)
    logger.warn({ eventId, eventType, attempt, outcome, err: error, durationMs: Math.round(performance.now() - startedAt) }, 'webhook event failed')
    return outcome
  }
}

async function recordFailure(eventId: string, error: unknown): Promise<'failed' | 'dead'> {
  const message = error instanceof Error ? error.message : String(error)
  return asService(async (tx) => {
    const { rows } = await tx.query<{ attempts: number }>(
      `update public.webhook_events set attempts = attempts + 1, last_error = $2
        where id = $1 returning attempts`,
      [eventId, message.slice(0, 2000)],
    )
    const attempts = rows[0]?.attempts ?? 1
    // The first attempt is not a retry: an event gets MAX_RETRIES more before it is dead.
    const dead = attempts > MAX_RETRIES
    await tx.query(
      `update public.webhook_events set status = $2, next_attempt_at = $3, locked_until = null where id = $1`,
      [eventId, dead ? 'dead' : 'failed', dead ? null : new Date(now().getTime() + retryDelayMs(attempts))],
    )
    return dead ? 'dead' : 'failed'
  })
}
