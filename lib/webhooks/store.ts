import 'server-only'
import type Stripe from 'stripe'
import { fromUnixSeconds } from '@/lib/clock'
import type { Queryable } from '@/lib/db/types'
import { storableEvent } from './sanitize'

/** The state an event is stored in: waiting for the retry job, or the outcome of applying it just now. */
export type StoredState =
  | { status: 'received' }
  | { status: 'processed' | 'ignored'; reason?: string }
  | { status: 'failed' | 'dead'; nextAttemptAt: Date | null; lastError: string }

/**
 * Stores the event unless its id is already known; returns true when this call stored it. The payload is
 * the raw body Stripe signed when there is one, so what is kept is exactly what was received; when jsonb
 * cannot hold it (U+0000), the payload has the character replaced and the raw body is kept beside it.
 */
export async function storeEvent(
  tx: Queryable,
  event: Stripe.Event,
  receivedAt: Date,
  state: StoredState = { status: 'received' },
  rawBody?: string,
): Promise<boolean> {
  const applied = state.status !== 'received'
  const body = rawBody ?? JSON.stringify(event)
  const { event: storable, replaced } = storableEvent(event, body)
  const { rowCount } = await tx.query(
    `insert into public.webhook_events (id, type, api_version, livemode, stripe_created_at, payload, status, attempts,
       next_attempt_at, processed_at, last_error, received_at, raw_body)
     values ($1, $2, $3, $4, $5, $6::jsonb, $7, $8, $9, $10, $11, $12, $13)
     on conflict (id) do nothing`,
    [
      event.id,
      event.type,
      event.api_version ?? null,
      event.livemode,
      fromUnixSeconds(event.created),
      replaced ? JSON.stringify(storable) : body,
      state.status,
      applied ? 1 : 0,
      'nextAttemptAt' in state ? state.nextAttemptAt : applied ? null : receivedAt,
      state.status === 'processed' || state.status === 'ignored' ? receivedAt : null,
      'lastError' in state ? state.lastError : 'reason' in state ? (state.reason ?? null) : null,
      receivedAt,
      replaced ? body : null,
    ],
  )
  return rowCount === 1
}
