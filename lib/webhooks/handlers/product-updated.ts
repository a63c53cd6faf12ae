import 'server-only'
import { syncProductFromEvent } from './sync-catalogue'
import type { EventHandler } from './types'

// product.updated
export const handleProductUpdated: EventHandler = (tx, event) => syncProductFromEvent(tx, event, 'catalogue.product_updated')
