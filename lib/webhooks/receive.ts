import 'server-only'
import { now } from '@/lib/clock'
import { asService } from '@/lib/db/transactions'
import { claimEvent } from './claim'
import { processClaimedEvent, type ProcessOutcome } from './process'
import { storeEvent } from './store'
import { verifyStripeEvent } from './verify'

export interface ReceiveResult {
  eventId: string
  duplicate: boolean
  outcome: ProcessOutcome | 'already_claimed'
}

/**
 * Verifies, stores, then processes a delivery. Once stored the event is safe: a processing failure is
 * retried by the retry job, so the caller answers 2xx whatever the outcome.
 */
export async function receiveWebhook(rawBody: string, signature: string | null): Promise<ReceiveResult> {
  const event = await verifyStripeEvent(rawBody, signature)
  const receivedAt = now()
  const claim = await asService(async (tx) => {
    if (!(await storeEvent(tx, event, receivedAt))) return undefined
    return claimEvent(tx, event.id, receivedAt)
  })
  if (claim === undefined) return { eventId: event.id, duplicate: true, outcome: 'already_claimed' }
  if (claim === null) return { eventId: event.id, duplicate: false, outcome: 'already_claimed' }
  return { eventId: event.id, duplicate: false, outcome: await processClaimedEvent(claim) }
}
