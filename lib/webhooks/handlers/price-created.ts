import 'server-only'
import { syncPriceFromEvent } from './sync-catalogue'
import type { EventHandler } from './types'

// price.created
export const handlePriceCreated: EventHandler = (tx, event) => syncPriceFromEvent(tx, event, 'catalogue.price_created')
