import 'server-only'
import type Stripe from 'stripe'
import { now } from '@/lib/clock'
import { asService } from '@/lib/db/transactions'
import { stripeLivemode } from '@/lib/env'
import { logger } from '@/lib/log'
import { failureState, type ApplyOutcome, type HandlerMap } from './apply'
import { EVENT_HANDLERS } from './handlers'
import { logOutcome } from './process'
import { storableEvent } from './sanitize'
import { storeEvent } from './store'
import { withStripeFetches } from './stripe-fetches'
import { verifyStripeEvent } from './verify'

export interface ReceiveResult {
  eventId: string
  duplicate: boolean
  outcome: ApplyOutcome | 'duplicate'
}

/**
 * Verifies a delivery, then stores and applies it in one transaction. When the handler fails, that
 * transaction rolls back and the event is stored on its own, scheduled for retry: either way it is stored
 * before this returns. Only when it cannot be stored does this throw, and the route answers 5xx so that
 * Stripe delivers it again.
 */
export async function receiveWebhook(rawBody: string, signature: string | null, handlers: HandlerMap = EVENT_HANDLERS): Promise<ReceiveResult> {
  const { event } = storableEvent(await verifyStripeEvent(rawBody, signature), rawBody)
  const startedAt = performance.now()
  const receivedAt = now()
  if (event.livemode !== stripeLivemode) return storeMisrouted(event, rawBody, receivedAt)
  const handler = handlers[event.type]
  const outcome = handler ? 'processed' : 'ignored'
  let stored: boolean
  try {
    stored = await withStripeFetches((fetches) =>
      asService(async (tx) => {
        if (!(await storeEvent(tx, event, receivedAt, { status: outcome }, rawBody))) return false
        if (handler) await handler(tx, event, fetches)
        return true
      }),
    )
  } catch (error) {
    const failure = failureState(1, error, receivedAt)
    stored = await asService((tx) => storeEvent(tx, event, receivedAt, failure, rawBody))
    if (stored) logOutcome(event, 1, failure.status, startedAt, error)
    return { eventId: event.id, duplicate: !stored, outcome: stored ? failure.status : 'duplicate' }
  }
  if (!stored) return { eventId: event.id, duplicate: true, outcome: 'duplicate' }
  logOutcome(event, 1, outcome, startedAt)
  return { eventId: event.id, duplicate: false, outcome }
}

/** An event of the other mode (a test event at a live deployment, or the reverse) is kept, never applied. */
async function storeMisrouted(event: Stripe.Event, rawBody: string, receivedAt: Date): Promise<ReceiveResult> {
  const reason = `misrouted: a ${event.livemode ? 'live' : 'test'}-mode event reached a ${stripeLivemode ? 'live' : 'test'}-mode deployment`
  const stored = await asService((tx) => storeEvent(tx, event, receivedAt, { status: 'ignored', reason }, rawBody))
  if (stored) logger.warn({ eventId: event.id, eventType: event.type, livemode: event.livemode }, 'misrouted webhook event stored, not applied')
  return { eventId: event.id, duplicate: !stored, outcome: stored ? 'ignored' : 'duplicate' }
}
