import type Stripe from 'stripe'
import type { Queryable } from '@/lib/db/types'
import type { StripeFetches } from '../stripe-fetches'

/**
 * Applies one Stripe event inside the processing transaction; throwing rolls it back and schedules a retry.
 * A handler never calls Stripe itself: it asks `fetches` for the object, which (the first time) rolls the
 * transaction back, fetches outside it and runs the handler again.
 */
export type EventHandler = (tx: Queryable, event: Stripe.Event, fetches: StripeFetches) => Promise<void>
