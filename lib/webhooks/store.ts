import 'server-only'
import type Stripe from 'stripe'
import { fromUnixSeconds } from '@/lib/clock'
import type { Queryable } from '@/lib/db/types'

/**
 * Stores the event unless its id is already known; returns true when this call stored it. Without an
 * outcome the event waits for the retry job; with one, the caller applies it in this same transaction and
 * the row records that outcome (a handler failure overwrites it).
 */
export async function storeEvent(tx: Queryable, event: Stripe.Event, receivedAt: Date, outcome?: 'processed' | 'ignored'): Promise<boolean> {
  const { rowCount } = await tx.query(
    `insert into public.webhook_events (id, type, api_version, livemode, stripe_created_at, payload, status, attempts,
       next_attempt_at, processed_at, received_at)
     values ($1, $2, $3, $4, $5, $6::jsonb, $7, $8, $9, $10, $11)
     on conflict (id) do nothing`,
    [
      event.id,
      event.type,
      event.api_version ?? null,
      event.livemode,
      fromUnixSeconds(event.created),
      JSON.stringify(event),
      outcome ?? 'received',
      outcome ? 1 : 0,
      outcome ? null : receivedAt,
      outcome ? receivedAt : null,
      receivedAt,
    ],
  )
  return rowCount === 1
}
