import 'server-only'
import type Stripe from 'stripe'
import { fromUnixSeconds } from '@/lib/clock'
import type { Queryable } from '@/lib/db/types'

/** Stores the event unless its id is already known. Returns true when this call stored it. */
export async function storeEvent(tx: Queryable, event: Stripe.Event, receivedAt: Date): Promise<boolean> {
  const { rowCount } = await tx.query(
    `insert into public.webhook_events (id, type, api_version, livemode, stripe_created_at, payload, status,
       next_attempt_at, received_at)
     values ($1, $2, $3, $4, $5, $6::jsonb, 'received', $7, $7)
     on conflict (id) do nothing`,
    [event.id, event.type, event.api_version ?? null, event.livemode, fromUnixSeconds(event.created), JSON.stringify(event), receivedAt],
  )
  return rowCount === 1
}
