import 'server-only'
import { syncProductFromEvent } from './sync-catalogue'
import type { EventHandler } from './types'

// product.created
export const handleProductCreated: EventHandler = (tx, event) => syncProductFromEvent(tx, event, 'catalogue.product_created')
