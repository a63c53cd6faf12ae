import 'server-only'
import type { Viewer } from '@/lib/auth/claims'
import { asUser } from '@/lib/db/transactions'
import { retrieveDefaultCard, type CardSummary } from '@/lib/stripe/invoices'
import { getStripeCustomerId } from './customers'

export type { CardSummary }

/** The card the customer's invoices are charged to, as Stripe has it; null without a customer or card. */
export async function getCardOnFile(viewer: Viewer): Promise<CardSummary | null> {
  const customerId = await asUser(viewer.claims, (tx) => getStripeCustomerId(tx, viewer.id))
  return customerId ? retrieveDefaultCard(customerId) : null
}
