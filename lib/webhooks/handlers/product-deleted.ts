import 'server-only'
import { syncProductFromEvent } from './sync-catalogue'
import type { EventHandler } from './types'

// product.deleted
export const handleProductDeleted: EventHandler = (tx, event) => syncProductFromEvent(tx, event, 'catalogue.product_deleted')
