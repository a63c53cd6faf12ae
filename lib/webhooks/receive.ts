import 'server-only'
import { now } from '@/lib/clock'
import { asService } from '@/lib/db/transactions'
import { failureState, type ApplyOutcome, type HandlerMap } from './apply'
import { EVENT_HANDLERS } from './handlers'
import { logOutcome } from './process'
import { storeEvent } from './store'
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
  const event = await verifyStripeEvent(rawBody, signature)
  const startedAt = performance.now()
  const receivedAt = now()
  const handler = handlers[event.type]
  const outcome = handler ? 'processed' : 'ignored'
  let stored: boolean
  try {
    stored = await asService(async (tx) => {
      if (!(await storeEvent(tx, event, receivedAt, { status: outcome }, rawBody))) return false
      if (handler) await handler(tx, event)
      return true
    })
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
