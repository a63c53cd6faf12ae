import 'server-only'
import { syncSubscriptionFromEvent } from './sync-subscription'
import type { EventHandler } from './types'

// customer.subscription.paused
export const handleSubscriptionPaused: EventHandler = (tx, event, fetches) => syncSubscriptionFromEvent(tx, event, fetches, 'subscription.paused')
