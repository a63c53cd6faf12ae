import 'server-only'
import type Stripe from 'stripe'
import { linkCustomer } from '@/lib/billing/customers'
import { applySubscription } from '@/lib/billing/subscription-sync'
import { idOf } from '@/lib/billing/stripe-refs'
import { fromUnixSeconds } from '@/lib/clock'
import { retrieveSubscription } from '@/lib/stripe/subscriptions'
import { auditStripeChange } from './audit-change'
import type { EventHandler } from './types'

// checkout.session.completed – links the paying Stripe customer to the app user who started the session
// (client_reference_id) and applies the subscription it created, fetched fresh from Stripe.
export const handleCheckoutSessionCompleted: EventHandler = async (tx, event) => {
  const session = event.data.object as Stripe.Checkout.Session
  const customerId = idOf(session.customer)
  const userId = session.client_reference_id
  if (customerId && userId) {
    const { rows } = await tx.query(`select 1 from auth.users where id::text = $1`, [userId])
    if (rows.length > 0) await linkCustomer(tx, { userId, stripeCustomerId: customerId, email: session.customer_details?.email ?? null })
  }
  const subscriptionId = session.mode === 'subscription' ? idOf(session.subscription) : null
  if (subscriptionId) {
    await applySubscription(tx, await retrieveSubscription(subscriptionId), { eventCreated: fromUnixSeconds(event.created), eventId: event.id }, { force: true })
  }
  await auditStripeChange(tx, event, {
    action: 'checkout.completed',
    subject: { type: 'checkout_session', id: session.id },
    userId: userId ?? null,
    before: null,
    after: { customerId, subscriptionId, mode: session.mode, amountTotal: session.amount_total },
  })
}
