import 'server-only'
import { applyInvoiceToGracePeriods } from '@/lib/grace/invoice-outcome'
import { syncInvoiceFromEvent } from './sync-invoice'
import type { EventHandler } from './types'

// invoice.payment_failed – a failed renewal opens a grace period (lib/grace)
export const handleInvoicePaymentFailed: EventHandler = async (tx, event) => {
  await syncInvoiceFromEvent(tx, event, 'invoice.payment_failed')
  await applyInvoiceToGracePeriods(tx, event)
}
