import 'server-only'
import { syncInvoiceFromEvent } from './sync-invoice'
import type { EventHandler } from './types'

// invoice.marked_uncollectible
export const handleInvoiceMarkedUncollectible: EventHandler = async (tx, event) => {
  await syncInvoiceFromEvent(tx, event, 'invoice.marked_uncollectible')
}
