import 'server-only'
import type Stripe from 'stripe'
import { getStripe } from './client'

export interface EventWindow {
  /** Unix seconds, inclusive. */
  since: number
  until: number
  /** The last event of the previous page (newest first), or null for the first page. */
  startingAfter: string | null
}

/** One page of Stripe's events created in the window, newest first. */
export async function listEventsPage(window: EventWindow, limit = 100): Promise<{ events: Stripe.Event[]; hasMore: boolean }> {
  const page = await getStripe().events.list({
    created: { gte: window.since, lte: window.until },
    limit,
    ...(window.startingAfter ? { starting_after: window.startingAfter } : {}),
  })
  return { events: page.data, hasMore: page.has_more }
}
