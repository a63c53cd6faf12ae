import 'server-only'
import { syncSubscriptionFromEvent } from './sync-subscription'
import type { EventHandler } from './types'

// customer.subscription.resumed
export const handleSubscriptionResumed: EventHandler = (tx, event, fetches) => syncSubscriptionFromEvent(tx, event, fetches, 'subscription.resumed')
