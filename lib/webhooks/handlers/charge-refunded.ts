import 'server-only'
import type Stripe from 'stripe'
import { auditStripeChange } from '@/lib/audit/stripe-change'
import { getUserIdForStripeCustomer } from '@/lib/billing/customers'
import { applyChargeRefunded, applyRefund } from '@/lib/billing/refund-sync'
import { idOf } from '@/lib/billing/stripe-refs'
import { fromUnixSeconds } from '@/lib/clock'
import type { EventHandler } from './types'

// charge.refunded – the charge's running refunded total, and any refunds the payload lists (an expanded `refunds`)
export const handleChargeRefunded: EventHandler = async (tx, event) => {
  const charge = event.data.object as Stripe.Charge
  const outcome = await applyChargeRefunded(tx, charge)
  if (!outcome.applied) return
  for (const refund of charge.refunds?.data ?? []) await applyRefund(tx, refund, fromUnixSeconds(event.created))
  const customerId = idOf(charge.customer)
  await auditStripeChange(tx, event, {
    action: 'charge.refunded',
    subject: { type: 'charge', id: charge.id },
    userId: customerId ? await getUserIdForStripeCustomer(tx, customerId) : null,
    before: outcome.before && { amountRefunded: outcome.before.amountRefunded },
    after: outcome.after && { amountRefunded: outcome.after.amountRefunded },
  })
}
