import 'server-only'
import { now } from '@/lib/clock'
import { asService } from '@/lib/db/transactions'
import { processEvent, type ProcessOutcome } from './process'
import { storeEvent } from './store'
import { verifyStripeEvent } from './verify'

export interface ReceiveResult {
  eventId: string
  duplicate: boolean
  outcome: ProcessOutcome
}

/**
 * Verifies, stores, then processes a delivery. Once stored the event is safe: a processing failure is
 * retried by the retry job, so the caller answers 2xx whatever the outcome.
 */
export async function receiveWebhook(rawBody: string, signature: string | null): Promise<ReceiveResult> {
  const event = await verifyStripeEvent(rawBody, signature)
  const stored = await asService((tx) => storeEvent(tx, event, now()))
  if (!stored) return { eventId: event.id, duplicate: true, outcome: 'skipped' }
  return { eventId: event.id, duplicate: false, outcome: await processEvent(event.id) }
}
