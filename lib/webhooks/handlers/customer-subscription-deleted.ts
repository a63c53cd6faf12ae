import 'server-only'
import { syncSubscriptionFromEvent } from './sync-subscription'
import type { EventHandler } from './types'

// customer.subscription.deleted
export const handleSubscriptionDeleted: EventHandler = (tx, event, fetches) => syncSubscriptionFromEvent(tx, event, fetches, 'subscription.canceled')
