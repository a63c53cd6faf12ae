import 'server-only'
import { syncSubscriptionFromEvent } from './sync-subscription'
import type { EventHandler } from './types'

// customer.subscription.created
export const handleSubscriptionCreated: EventHandler = (tx, event, fetches) => syncSubscriptionFromEvent(tx, event, fetches, 'subscription.created')
