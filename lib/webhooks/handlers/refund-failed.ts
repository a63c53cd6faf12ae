import 'server-only'
import { syncRefundFromEvent } from './sync-customer-object'
import type { EventHandler } from './types'

// refund.failed
export const handleRefundFailed: EventHandler = (tx, event) => syncRefundFromEvent(tx, event, 'refund.failed')
