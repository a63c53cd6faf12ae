import 'server-only'
import type { Viewer } from '@/lib/auth/claims'
import { recordAudit } from '@/lib/audit/record'
import { fromUnixSeconds, now, toUnixSeconds } from '@/lib/clock'
import { asService, asUser } from '@/lib/db/transactions'
import { AppError } from '@/lib/http/errors'
import { previewPriceChange, type InvoicePreview } from '@/lib/stripe/subscriptions'
import { getStripeCustomerId } from './customers'
import { getPlanByPrice, type Plan } from './plans'
import { getCurrentSubscription } from './queries'

/** How long a previewed price stays on offer; after that the customer previews again. */
export const QUOTE_TTL_MS = 15 * 60 * 1000

export interface PlanChangeQuote {
  quoteId: string
  from: Plan
  to: Plan
  prorationDate: string
  expiresAt: string
  preview: InvoicePreview
}

async function loadChange(viewer: Viewer, priceId: string) {
  return asUser(viewer.claims, async (tx) => {
    const subscription = await getCurrentSubscription(tx, viewer.id)
    if (!subscription?.priceId || !subscription.itemId) {
      throw new AppError('no_subscription', 'You have no active subscription to change.', 409)
    }
    const from = await getPlanByPrice(tx, subscription.priceId)
    const to = await getPlanByPrice(tx, priceId)
    const customerId = await getStripeCustomerId(tx, viewer.id)
    if (!to) throw new AppError('unknown_plan', 'That plan is not available.', 404)
    if (to.priceId === subscription.priceId) throw new AppError('same_plan', 'You are already on that plan.', 409)
    if (!from || !customerId) throw new AppError('no_subscription', 'Your subscription is not set up for plan changes.', 409)
    return { subscription: { id: subscription.id, itemId: subscription.itemId }, from, to, customerId }
  })
}

/**
 * Asks Stripe what the change costs now, with a fixed proration date, and keeps that quote: confirming
 * it later applies the same proration date, so the invoice equals this preview to the cent.
 */
export async function previewPlanChange(viewer: Viewer, priceId: string): Promise<PlanChangeQuote> {
  const { subscription, from, to, customerId } = await loadChange(viewer, priceId)
  const at = now()
  const prorationDate = toUnixSeconds(at)
  const preview = await previewPriceChange({
    customerId,
    subscriptionId: subscription.id,
    itemId: subscription.itemId,
    priceId: to.priceId,
    prorationDate,
  })
  const expiresAt = new Date(at.getTime() + QUOTE_TTL_MS)
  const quoteId = await asService(async (tx) => {
    const { rows } = await tx.query<{ id: string }>(
      `insert into public.plan_change_quotes (user_id, subscription_id, item_id, from_price_id, to_price_id,
         proration_date, currency, total, amount_due, expires_at, created_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) returning id`,
      [viewer.id, subscription.id, subscription.itemId, from.priceId, to.priceId, fromUnixSeconds(prorationDate),
        preview.currency, preview.total, preview.amountDue, expiresAt, at],
    )
    const id = rows[0]!.id
    await recordAudit(tx, {
      actor: { type: 'user', id: viewer.id },
      action: 'plan_change.previewed',
      subject: { type: 'subscription', id: subscription.id },
      userId: viewer.id,
      before: { priceId: from.priceId, plan: from.name },
      after: { priceId: to.priceId, plan: to.name },
      context: { quoteId: id, prorationDate, total: preview.total, amountDue: preview.amountDue, currency: preview.currency },
    })
    return id
  })
  return { quoteId, from, to, prorationDate: fromUnixSeconds(prorationDate).toISOString(), expiresAt: expiresAt.toISOString(), preview }
}
