import 'server-only'
import { syncInvoiceFromEvent } from './sync-invoice'
import type { EventHandler } from './types'

// invoice.paid
export const handleInvoicePaid: EventHandler = async (tx, event) => {
  await syncInvoiceFromEvent(tx, event, 'invoice.paid')
}
