import 'server-only'
import { syncInvoiceFromEvent } from './sync-invoice'
import type { EventHandler } from './types'

// invoice.payment_failed
export const handleInvoicePaymentFailed: EventHandler = async (tx, event) => {
  await syncInvoiceFromEvent(tx, event, 'invoice.payment_failed')
}
