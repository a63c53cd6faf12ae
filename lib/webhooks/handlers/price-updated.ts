import 'server-only'
import { syncPriceFromEvent } from './sync-catalogue'
import type { EventHandler } from './types'

// price.updated
export const handlePriceUpdated: EventHandler = (tx, event) => syncPriceFromEvent(tx, event, 'catalogue.price_updated')
