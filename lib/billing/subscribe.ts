import 'server-only'
import { randomUUID } from 'node:crypto'
import type { Viewer } from '@/lib/auth/claims'
import { recordAudit } from '@/lib/audit/record'
import { now } from '@/lib/clock'
import { asService, asUser } from '@/lib/db/transactions'
import { AppError } from '@/lib/http/errors'
import { createCustomer, createSubscriptionCheckout, expireCheckoutIfOpen, hasLiveSubscription } from '@/lib/stripe/checkout'
import { recordCheckoutSession } from './checkout-sessions'
import { getStripeCustomerId, linkCustomer } from './customers'
import { getPlanByPrice, type Plan } from './plans'
import { acceptPromotionCode, hasPaidBefore, withDiscountRefusals, type AcceptedCode } from './promotion-codes'
import { getCurrentSubscription } from './queries'

const alreadySubscribed = () =>
  new AppError('already_subscribed', 'You already have a subscription. Change its plan instead of starting another.', 409)

/** The user's Stripe customer, created and linked the first time they subscribe (or price a code for it). */
export async function ensureCustomer(viewer: Viewer, known: string | null): Promise<string> {
  if (known) return known
  const customerId = await createCustomer({ id: viewer.id, email: viewer.email }, `customer-${viewer.id}`)
  const outcome = await asService((tx) => linkCustomer(tx, { userId: viewer.id, stripeCustomerId: customerId, email: viewer.email }))
  if (outcome === 'conflict') {
    const linked = await asService((tx) => getStripeCustomerId(tx, viewer.id))
    if (linked) return linked
    throw new AppError('customer_conflict', 'Your billing account could not be set up. Contact support.', 409)
  }
  return customerId
}

/** Other Checkout pages this user left open are expired, so at most one can still be paid. */
async function expireOpenCheckouts(userId: string): Promise<void> {
  const ids = await asService(async (tx) => {
    const { rows } = await tx.query<{ id: string }>(
      `select id from public.checkout_sessions where user_id = $1 and mode = 'subscription' and created_at > $2 order by created_at desc limit 5`,
      [userId, new Date(now().getTime() - 24 * 3600 * 1000)],
    )
    return rows.map((row) => row.id)
  })
  for (const id of ids) await expireCheckoutIfOpen(id)
}

/** The plan a user without a subscription may buy, their Stripe customer, and the typed code checked against both. */
export async function loadPurchase(viewer: Viewer, priceId: string, promotionCode: string | null) {
  const { plan, customerId: known, hasPaid } = await asUser(viewer.claims, async (tx) => {
    if (await getCurrentSubscription(tx, viewer.id)) throw alreadySubscribed()
    const plan = await getPlanByPrice(tx, priceId)
    if (!plan?.offered) throw new AppError('unknown_plan', 'That plan is not available.', 404)
    return { plan, customerId: await getStripeCustomerId(tx, viewer.id), hasPaid: await hasPaidBefore(tx, viewer.id) }
  })
  const code = promotionCode ? await acceptCodeFor(plan, known, hasPaid, promotionCode) : null
  return { plan, customerId: await ensureCustomer(viewer, known), code }
}

function acceptCodeFor(plan: Plan, customerId: string | null, hasPaid: boolean, typed: string): Promise<AcceptedCode> {
  return acceptPromotionCode(typed, {
    customerId, productId: plan.productId, planName: plan.name, currency: plan.currency, amount: plan.unitAmount, hasPaid, at: now(),
  })
}

/**
 * Starts Stripe Checkout for a user without a subscription, with the promotion code they typed, if any. A customer
 * never ends up with two: one live subscription (here or, ahead of the webhooks, in Stripe) refuses, and older
 * open Checkout pages are expired. Checkout returns them to the billing page at `origin`, the address they came from.
 */
export async function startSubscriptionCheckout(viewer: Viewer, priceId: string, origin: string, promotionCode: string | null = null): Promise<{ url: string }> {
  const { plan, customerId, code } = await loadPurchase(viewer, priceId, promotionCode)
  if (await hasLiveSubscription(customerId)) throw alreadySubscribed()
  await expireOpenCheckouts(viewer.id)
  const session = await withDiscountRefusals(() => createSubscriptionCheckout(
    {
      customerId, priceId: plan.priceId, successUrl: `${origin}/billing?checkout=success`, cancelUrl: `${origin}/billing?checkout=canceled`,
      ...(code ? { promotionCodeId: code.promotionCodeId } : {}),
    },
    `checkout-${randomUUID()}`,
  ))
  await asService(async (tx) => {
    await recordCheckoutSession(tx, { id: session.id, userId: viewer.id, mode: 'subscription' })
    await recordAudit(tx, {
      actor: { type: 'user', id: viewer.id },
      action: 'checkout.started',
      subject: { type: 'checkout_session', id: session.id },
      userId: viewer.id,
      after: { priceId: plan.priceId, plan: plan.name, ...(code ? { promotionCode: code.code } : {}) },
    })
  })
  return { url: session.url }
}
