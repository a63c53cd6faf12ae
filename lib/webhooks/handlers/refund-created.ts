import 'server-only'
import { syncRefundFromEvent } from './sync-customer-object'
import type { EventHandler } from './types'

// refund.created
export const handleRefundCreated: EventHandler = (tx, event) => syncRefundFromEvent(tx, event, 'refund.created')
