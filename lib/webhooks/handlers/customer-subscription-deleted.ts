import 'server-only'
import { closeGracePeriodsOfDeletedSubscription } from '@/lib/grace/close-grace-periods'
import { syncSubscriptionFromEvent } from './sync-subscription'
import type { EventHandler } from './types'

// customer.subscription.deleted – the subscription ended; its grace periods close as canceled (lib/grace)
export const handleSubscriptionDeleted: EventHandler = async (tx, event, fetches) => {
  await syncSubscriptionFromEvent(tx, event, fetches, 'subscription.canceled')
  await closeGracePeriodsOfDeletedSubscription(tx, event)
}
