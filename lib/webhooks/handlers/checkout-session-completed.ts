import 'server-only'
import type Stripe from 'stripe'
import { auditStripeChange } from '@/lib/audit/stripe-change'
import { getCheckoutSessionUserId } from '@/lib/billing/checkout-sessions'
import { linkCustomer } from '@/lib/billing/customers'
import { idOf } from '@/lib/billing/stripe-refs'
import { applySubscription } from '@/lib/billing/subscription-sync'
import { fromUnixSeconds } from '@/lib/clock'
import type { Queryable } from '@/lib/db/types'
import type { EventHandler } from './types'

/**
 * Links the paying customer to the user the server created the session for. `client_reference_id` is not
 * trusted (with Payment Links the buyer sets it), and an existing link to someone else is never replaced:
 * such an attempt is refused and audited for admins to look at.
 */
async function linkBuyer(tx: Queryable, event: Stripe.Event, session: Stripe.Checkout.Session, customerId: string): Promise<string | null> {
  const userId = await getCheckoutSessionUserId(tx, session.id)
  const refused = (reason: string) =>
    auditStripeChange(tx, event, {
      action: 'customer.link_refused',
      subject: { type: 'customer', id: customerId },
      userId,
      before: null,
      after: { reason, checkoutSessionId: session.id, clientReferenceId: session.client_reference_id },
    })
  if (!userId) {
    if (session.client_reference_id) await refused('checkout session not created by this app')
    return null
  }
  const outcome = await linkCustomer(tx, { userId, stripeCustomerId: customerId, email: session.customer_details?.email ?? null })
  if (outcome === 'conflict') await refused('user or customer already linked to another')
  return outcome === 'conflict' ? null : userId
}

// checkout.session.completed – links the buyer (see linkBuyer) and applies the subscription it created,
// as Stripe has it now.
export const handleCheckoutSessionCompleted: EventHandler = async (tx, event, fetches) => {
  const session = event.data.object as Stripe.Checkout.Session
  const customerId = idOf(session.customer)
  const userId = customerId ? await linkBuyer(tx, event, session, customerId) : null
  const subscriptionId = session.mode === 'subscription' ? idOf(session.subscription) : null
  if (subscriptionId) {
    await applySubscription(tx, fetches.subscription(subscriptionId), { eventCreated: fromUnixSeconds(event.created), eventId: event.id }, { force: true })
  }
  await auditStripeChange(tx, event, {
    action: 'checkout.completed',
    subject: { type: 'checkout_session', id: session.id },
    userId,
    before: null,
    after: { customerId, subscriptionId, mode: session.mode, amountTotal: session.amount_total },
  })
}
