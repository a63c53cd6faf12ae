import 'server-only'
import { syncInvoiceFromEvent } from './sync-invoice'
import type { EventHandler } from './types'

// invoice.voided
export const handleInvoiceVoided: EventHandler = async (tx, event) => {
  await syncInvoiceFromEvent(tx, event, 'invoice.voided')
}
