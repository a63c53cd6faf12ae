import 'server-only'
import type Stripe from 'stripe'
import { auditStripeChange } from '@/lib/audit/stripe-change'
import { applyInvoice } from '@/lib/billing/invoice-sync'
import { fromUnixSeconds } from '@/lib/clock'
import type { Queryable } from '@/lib/db/types'

export async function syncInvoiceFromEvent(tx: Queryable, event: Stripe.Event, action: string): Promise<void> {
  const invoice = event.data.object as Stripe.Invoice
  const outcome = await applyInvoice(tx, invoice, fromUnixSeconds(event.created))
  if (!outcome.applied) return
  await auditStripeChange(tx, event, {
    action,
    subject: { type: 'invoice', id: invoice.id },
    userId: outcome.after?.userId ?? null,
    before: outcome.before,
    after: outcome.after,
  })
}
