import 'server-only'
import { syncInvoiceFromEvent } from './sync-invoice'
import type { EventHandler } from './types'

// invoice.payment_action_required
export const handleInvoicePaymentActionRequired: EventHandler = async (tx, event) => {
  await syncInvoiceFromEvent(tx, event, 'invoice.payment_action_required')
}
