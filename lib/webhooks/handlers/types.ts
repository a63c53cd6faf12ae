import type Stripe from 'stripe'
import type { Queryable } from '@/lib/db/types'

/** Applies one Stripe event inside the processing transaction; throwing rolls it back and schedules a retry. */
export type EventHandler = (tx: Queryable, event: Stripe.Event) => Promise<void>

export const stripeActor = (event: Stripe.Event) => ({ type: 'stripe' as const, id: event.id })
export const eventContext = (event: Stripe.Event) => ({ eventId: event.id, eventType: event.type })
