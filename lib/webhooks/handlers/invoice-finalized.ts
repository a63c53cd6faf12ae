import 'server-only'
import { syncInvoiceFromEvent } from './sync-invoice'
import type { EventHandler } from './types'

// invoice.finalized
export const handleInvoiceFinalized: EventHandler = async (tx, event) => {
  await syncInvoiceFromEvent(tx, event, 'invoice.finalized')
}
