import 'server-only'
import type Stripe from 'stripe'
import { now } from '@/lib/clock'
import { asService, asServiceStatement } from '@/lib/db/transactions'
import { stripeLivemode } from '@/lib/env'
import { logger } from '@/lib/log'
import { currentRelease } from '@/lib/release'
import type { ApplyOutcome, HandlerMap } from './apply'
import { claimReceivedEvent } from './claim'
import { EVENT_HANDLERS } from './handlers'
import { processClaimedEvent } from './process'
import { storableEvent } from './sanitize'
import { storeEvent, type StoredState } from './store'
import { verifyStripeEvent } from './verify'

export interface AcceptResult {
  eventId: string
  duplicate: boolean
  /** `received`: stored and waiting to be applied; `ignored`: stored, nothing to apply. */
  outcome: 'received' | 'ignored' | 'duplicate'
}

export interface ReceiveResult {
  eventId: string
  duplicate: boolean
  outcome: ApplyOutcome | 'received' | 'duplicate'
}

/**
 * Verifies a delivery and stores it, in one statement that commits on its own: once this returns, the event
 * is durable and Stripe may have its 2xx. An event the app acts on is stored `received`, due at once, for
 * whoever applies it first (this server after answering, or the retry job); only when it cannot be stored
 * does this throw, and the route answers 5xx so that Stripe delivers it again.
 */
export async function acceptWebhook(rawBody: string, signature: string | null, handlers: HandlerMap = EVENT_HANDLERS): Promise<AcceptResult> {
  const { event } = storableEvent(await verifyStripeEvent(rawBody, signature), rawBody)
  const misrouted = event.livemode !== stripeLivemode
  const state: StoredState = misrouted
    ? { status: 'ignored', reason: `misrouted: a ${event.livemode ? 'live' : 'test'}-mode event reached a ${stripeLivemode ? 'live' : 'test'}-mode deployment` }
    : handlers[event.type]
      ? { status: 'received' }
      : { status: 'ignored' }
  const stored = await asServiceStatement((db) => storeEvent(db, event, now(), state, rawBody))
  if (!stored) return { eventId: event.id, duplicate: true, outcome: 'duplicate' }
  logStored(event, state, misrouted)
  return { eventId: event.id, duplicate: false, outcome: state.status === 'received' ? 'received' : 'ignored' }
}

function logStored(event: Stripe.Event, state: StoredState, misrouted: boolean) {
  const fields = { eventId: event.id, eventType: event.type, status: state.status }
  if (misrouted) logger.warn({ ...fields, livemode: event.livemode }, 'misrouted webhook event stored, not applied')
  else logger.debug(fields, 'webhook event stored')
}

/**
 * Stores a delivery and applies it before returning: what the route does across its answer, in one call.
 * The event is applied through the retry job's own path (claim, then apply under that claim).
 */
export async function receiveWebhook(rawBody: string, signature: string | null, handlers: HandlerMap = EVENT_HANDLERS): Promise<ReceiveResult> {
  const accepted = await acceptWebhook(rawBody, signature, handlers)
  if (accepted.outcome !== 'received') return accepted
  const claim = await asService((tx) => claimReceivedEvent(tx, accepted.eventId, now()))
  if (!claim) return accepted
  const outcome = await processClaimedEvent(claim, handlers, now, currentRelease())
  return { ...accepted, outcome: outcome === 'lost_claim' ? 'received' : outcome }
}
