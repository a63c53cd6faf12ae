import 'server-only'
import { syncRefundFromEvent } from './sync-customer-object'
import type { EventHandler } from './types'

// refund.updated
export const handleRefundUpdated: EventHandler = (tx, event) => syncRefundFromEvent(tx, event, 'refund.updated')
