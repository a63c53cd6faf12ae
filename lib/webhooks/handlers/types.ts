import type Stripe from 'stripe'
import type { Queryable } from '@/lib/db/types'

/** Applies one Stripe event inside the processing transaction; throwing rolls it back and schedules a retry. */
export type EventHandler = (tx: Queryable, event: Stripe.Event) => Promise<void>
