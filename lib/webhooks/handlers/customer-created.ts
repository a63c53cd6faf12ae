import 'server-only'
import { syncCustomerFromEvent } from './sync-customer'
import type { EventHandler } from './types'

// customer.created
export const handleCustomerCreated: EventHandler = (tx, event) => syncCustomerFromEvent(tx, event, 'customer.created')
