import 'server-only'
import type Stripe from 'stripe'
import { getStripe } from './client'

/** Stripe's events created at or after `since` (unix seconds), newest first, page by page. */
export async function* listEventsSince(since: number): AsyncGenerator<Stripe.Event> {
  for await (const event of getStripe().events.list({ created: { gte: since }, limit: 100 })) yield event
}
