import 'server-only'
import { syncPriceFromEvent } from './sync-catalogue'
import type { EventHandler } from './types'

// price.deleted
export const handlePriceDeleted: EventHandler = (tx, event) => syncPriceFromEvent(tx, event, 'catalogue.price_deleted')
