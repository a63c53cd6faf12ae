import 'server-only'
import type Stripe from 'stripe'
import { auditStripeChange } from '@/lib/audit/stripe-change'
import { getUserIdForStripeCustomer } from '@/lib/billing/customers'
import { applyRefund } from '@/lib/billing/refund-sync'
import { idOf } from '@/lib/billing/stripe-refs'
import { fromUnixSeconds } from '@/lib/clock'
import type { Queryable } from '@/lib/db/types'

/** refund.created, .updated, .failed: the refund as Stripe has it, shown on the invoice its PaymentIntent paid. */
export async function syncRefundFromEvent(tx: Queryable, event: Stripe.Event, action: string): Promise<void> {
  const refund = event.data.object as Stripe.Refund
  const outcome = await applyRefund(tx, refund, fromUnixSeconds(event.created))
  if (!outcome.applied) return
  const customerId = idOf(refund.customer)
  await auditStripeChange(tx, event, {
    action,
    subject: { type: 'refund', id: refund.id },
    userId: customerId ? await getUserIdForStripeCustomer(tx, customerId) : null,
    before: outcome.before,
    after: outcome.after,
  })
}
