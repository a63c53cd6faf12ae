import 'server-only'
import { syncInvoiceFromEvent } from './sync-invoice'
import type { EventHandler } from './types'

// invoice.created
export const handleInvoiceCreated: EventHandler = async (tx, event) => {
  await syncInvoiceFromEvent(tx, event, 'invoice.created')
}
