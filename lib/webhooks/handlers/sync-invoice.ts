import 'server-only'
import { isDeepStrictEqual } from 'node:util'
import type Stripe from 'stripe'
import { recordAudit } from '@/lib/audit/record'
import { applyInvoice } from '@/lib/billing/invoice-sync'
import { fromUnixSeconds } from '@/lib/clock'
import type { Queryable } from '@/lib/db/types'
import { eventContext, stripeActor } from './types'

export async function syncInvoiceFromEvent(tx: Queryable, event: Stripe.Event, action: string): Promise<{ userId: string | null; applied: boolean }> {
  const invoice = event.data.object as Stripe.Invoice
  const outcome = await applyInvoice(tx, invoice, fromUnixSeconds(event.created))
  const userId = outcome.after?.userId ?? null
  if (!outcome.applied || isDeepStrictEqual(outcome.before, outcome.after)) return { userId, applied: false }
  await recordAudit(tx, {
    actor: stripeActor(event),
    action,
    subject: { type: 'invoice', id: invoice.id },
    userId,
    before: outcome.before,
    after: outcome.after,
    context: eventContext(event),
  })
  return { userId, applied: true }
}
