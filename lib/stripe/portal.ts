import 'server-only'
import { getStripe } from './client'

/** A Stripe-hosted page where the customer replaces their card; Stripe sends them back to `returnUrl`. */
export async function createCardUpdateSession(customerId: string, returnUrl: string): Promise<string> {
  const session = await getStripe().billingPortal.sessions.create({
    customer: customerId,
    return_url: returnUrl,
    flow_data: { type: 'payment_method_update', after_completion: { type: 'redirect', redirect: { return_url: returnUrl } } },
  })
  return session.url
}
