import 'server-only'
import { now } from '@/lib/clock'
import { asService } from '@/lib/db/transactions'
import { runHandler, type HandlerMap } from './apply'
import { EVENT_HANDLERS } from './handlers'
import { logOutcome, type ProcessOutcome } from './process'
import { storeEvent } from './store'
import { verifyStripeEvent } from './verify'

export interface ReceiveResult {
  eventId: string
  duplicate: boolean
  outcome: ProcessOutcome | 'duplicate'
}

/**
 * Verifies a delivery, stores it and applies it in one transaction. A handler failure is confined to its
 * savepoint, so the event is stored (and retried later) whatever processing does; only when the event
 * cannot be stored does this throw, and the route answers 5xx so Stripe delivers again.
 */
export async function receiveWebhook(rawBody: string, signature: string | null, handlers: HandlerMap = EVENT_HANDLERS): Promise<ReceiveResult> {
  const event = await verifyStripeEvent(rawBody, signature)
  const startedAt = performance.now()
  const receivedAt = now()
  const handler = handlers[event.type]
  const result = await asService(async (tx) => {
    if (!(await storeEvent(tx, event, receivedAt, handler ? 'processed' : 'ignored'))) return null
    if (!handler) return { outcome: 'ignored' as const }
    return runHandler(tx, { id: event.id, type: event.type, payload: event }, 1, handler, receivedAt)
  })
  if (!result) return { eventId: event.id, duplicate: true, outcome: 'duplicate' }
  logOutcome(event, 1, result.outcome, startedAt, 'error' in result ? result.error : undefined)
  return { eventId: event.id, duplicate: false, outcome: result.outcome }
}
