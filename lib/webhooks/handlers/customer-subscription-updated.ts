import 'server-only'
import { syncSubscriptionFromEvent } from './sync-subscription'
import type { EventHandler } from './types'

// customer.subscription.updated
export const handleSubscriptionUpdated: EventHandler = (tx, event, fetches) => syncSubscriptionFromEvent(tx, event, fetches, 'subscription.updated')
