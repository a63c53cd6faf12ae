import 'server-only'
import type { Viewer } from '@/lib/auth/claims'
import { asUser } from '@/lib/db/transactions'
import { AppError } from '@/lib/http/errors'
import { createCardUpdateSession } from '@/lib/stripe/portal'
import { getStripeCustomerId } from './customers'

/**
 * Where the customer replaces a failing card: Stripe's hosted page, which brings them back to the billing page
 * at `origin`, the address they came from.
 */
export async function startCardUpdate(viewer: Viewer, origin: string): Promise<string> {
  const customerId = await asUser(viewer.claims, (tx) => getStripeCustomerId(tx, viewer.id))
  if (!customerId) throw new AppError('no_customer', 'There is no card on file to update yet: choose a plan first.', 409)
  return createCardUpdateSession(customerId, `${origin}/billing?card=updated`)
}
