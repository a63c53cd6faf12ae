import 'server-only'
import { syncCustomerFromEvent } from './sync-customer'
import type { EventHandler } from './types'

// customer.deleted
export const handleCustomerDeleted: EventHandler = (tx, event) => syncCustomerFromEvent(tx, event, 'customer.deleted')
