import 'server-only'
import { applyInvoiceToGracePeriods } from '@/lib/grace/invoice-outcome'
import { syncInvoiceFromEvent } from './sync-invoice'
import type { EventHandler } from './types'

// invoice.paid – paying the invoice resolves its grace period (lib/grace)
export const handleInvoicePaid: EventHandler = async (tx, event) => {
  await syncInvoiceFromEvent(tx, event, 'invoice.paid')
  await applyInvoiceToGracePeriods(tx, event)
}
