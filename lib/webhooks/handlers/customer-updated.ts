import 'server-only'
import { syncCustomerFromEvent } from './sync-customer'
import type { EventHandler } from './types'

// customer.updated
export const handleCustomerUpdated: EventHandler = (tx, event) => syncCustomerFromEvent(tx, event, 'customer.updated')
