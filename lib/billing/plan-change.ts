import 'server-only'
import type { Viewer } from '@/lib/auth/claims'
import { fromUnixSeconds, now, toUnixSeconds } from '@/lib/clock'
import { asService } from '@/lib/db/transactions'
import type { Queryable } from '@/lib/db/types'
import { AppError } from '@/lib/http/errors'
import { consumeRateLimit } from '@/lib/http/rate-limits'
import { bumpCounter } from '@/lib/metrics/counters'
import type { CouponTerms, DiscountsParam } from '@/lib/stripe/discounts'
import { previewPriceChange, type InvoicePreview } from '@/lib/stripe/subscriptions'
import { changeScheduled, planChangeBlocker, refusalOf } from './change-eligibility'
import { theCustomer, type ChangeParty } from './change-party'
import { getStripeCustomerId } from './customers'
import { discountsOfSubscription } from './discounts'
import { getPlanByPrice, type Plan } from './plans'
import { acceptPromotionCode, hasPaidBefore, normaliseCode, withDiscountRefusals, type AcceptedCode } from './promotion-codes'
import { getCurrentSubscription, getScheduledChange } from './queries'
import { findReusableQuote, storeQuote, type QuotedChange } from './quotes'

/**
 * How long a previewed price stays on offer. Confirming applies the preview's proration date, so a quote
 * backdates its change by at most this long; the portal previews again when it runs out.
 */
export const QUOTE_TTL_MS = 5 * 60 * 1000
/** Each preview calls Stripe, whose rate limit the whole account shares (webhook processing included). */
export const PREVIEW_LIMIT = { limit: 30, windowSeconds: 10 * 60 }

export interface PlanChangeQuote {
  quoteId: string
  from: Plan
  to: Plan
  prorationDate: string
  expiresAt: string
  preview: InvoicePreview
  /** A move to a cheaper plan (or yearly to monthly), which the customer may also schedule for the period end. */
  downgrade: boolean
  /** When the current period ends: where a scheduled change would take effect. */
  periodEnd: string | null
  /** The first regular invoice after the change, with any credit left over from this one applied. */
  nextInvoice: { amount: number; date: string }
  /** Seats before and after (1 and 1 on a plan not priced per seat). */
  fromQuantity: number
  toQuantity: number
  /** The promotion code this quote applies, with its coupon's terms. */
  promotionCode: { code: string; coupon: CouponTerms } | null
}

/** What the customer asks for: another plan, another seat count, or either with a promotion code. */
export interface ChangeRequest {
  priceId?: string
  quantity?: number
  promotionCode?: string | null
}

/** Cheaper tier, or the same tier from yearly to monthly (less commitment): may wait for the period end. */
export function isDowngrade(from: Plan, to: Plan): boolean {
  return to.tier < from.tier || (to.tier === from.tier && from.interval === 'year' && to.interval === 'month')
}

const INTERVAL_MONTHS: Record<string, number> = { month: 1, year: 12 }

function addInterval(start: Date, interval: string, count = 1): Date {
  const next = new Date(start)
  if (interval in INTERVAL_MONTHS) next.setUTCMonth(next.getUTCMonth() + INTERVAL_MONTHS[interval]! * count)
  else next.setUTCDate(next.getUTCDate() + (interval === 'week' ? 7 : 1) * count)
  return next
}

/**
 * Credit this change leaves on the account (a negative total, or a balance larger than the charge) pays toward the
 * next invoice, which bills the new price for a full period: at the period end, or one new interval from the
 * change when the interval changes (Stripe starts a new period then).
 */
function nextInvoiceAfter(change: LoadedChange, preview: InvoicePreview, prorationDate: Date) {
  const { from, to, periodEnd, toQuantity, code } = change
  const creditLeft = Math.min(0, preview.startingBalance + preview.total)
  const date = from.interval !== to.interval || !periodEnd ? addInterval(prorationDate, to.interval) : periodEnd
  const gross = to.unitAmount * toQuantity
  return { amount: Math.max(0, gross - codeDiscountOn(code, gross, preview, prorationDate, date) + creditLeft), date: date.toISOString() }
}

/** What the typed code takes off the next invoice: while it lasts, and a once code only if this change did not spend it. */
function codeDiscountOn(code: AcceptedCode | null, gross: number, preview: InvoicePreview, start: Date, date: Date): number {
  if (!code) return 0
  const { coupon } = code
  if (coupon.duration === 'once' && (preview.discount ?? 0) > 0) return 0
  if (coupon.duration === 'repeating' && addInterval(start, 'month', coupon.durationInMonths ?? 0) <= date) return 0
  if (coupon.percentOff !== null) return Math.round((gross * coupon.percentOff) / 100)
  return Math.min(gross, coupon.amountOff ?? 0)
}

function quoteOf(id: string, change: LoadedChange, prorationDate: Date, expiresAt: Date, preview: InvoicePreview): PlanChangeQuote {
  const { from, to, periodEnd, code } = change
  return {
    quoteId: id, from, to, prorationDate: prorationDate.toISOString(), expiresAt: expiresAt.toISOString(), preview,
    // Fewer seats take effect now: only a plan may wait for the period end (a schedule).
    downgrade: change.fromQuantity === change.toQuantity && isDowngrade(from, to),
    periodEnd: periodEnd?.toISOString() ?? null,
    nextInvoice: nextInvoiceAfter(change, preview, prorationDate),
    fromQuantity: change.fromQuantity,
    toQuantity: change.toQuantity,
    promotionCode: code ? { code: code.code, coupon: code.coupon } : null,
  }
}

async function hasOpenInvoice(tx: Queryable, subscriptionId: string): Promise<boolean> {
  const { rows } = await tx.query(`select 1 from public.invoices where subscription_id = $1 and status = 'open' limit 1`, [subscriptionId])
  return rows.length > 0
}

interface LoadedChange extends QuotedChange {
  customerId: string
  periodEnd: Date | null
  standing: { status: string; hasOpenInvoice: boolean }
  code: AcceptedCode | null
  /** The subscription's own discounts, kept beside a new code. */
  kept: string[]
  hasPaid: boolean
}

async function loadChange(party: ChangeParty, request: ChangeRequest) {
  return party.read(async (tx) => {
    const subscription = await getCurrentSubscription(tx, party.userId)
    if (!subscription?.priceId || !subscription.itemId) {
      throw new AppError('no_subscription', 'You have no active subscription to change.', 409)
    }
    if (await getScheduledChange(tx, subscription.id, now())) throw changeScheduled()
    if (subscription.cancelAtPeriodEnd) {
      throw new AppError('cancellation_pending', 'Your subscription is set to end. Resume it before changing plans.', 409)
    }
    const standing = { status: subscription.status, hasOpenInvoice: await hasOpenInvoice(tx, subscription.id) }
    const from = await getPlanByPrice(tx, subscription.priceId)
    const customerId = await getStripeCustomerId(tx, party.userId)
    if (!from || !customerId) throw new AppError('no_subscription', 'Your subscription is not set up for plan changes.', 409)
    const to = request.priceId ? await getPlanByPrice(tx, request.priceId) : from
    if (request.priceId && !to?.offered) throw new AppError('unknown_plan', 'That plan is not available.', 404)
    const fromQuantity = subscription.quantity
    // A plan change keeps the quantity, as Stripe does for the item, except leaving a per-seat plan for a flat one.
    const toQuantity = request.quantity ?? (from.perSeat && !to!.perSeat ? 1 : fromQuantity)
    if (to!.priceId === subscription.priceId && toQuantity === fromQuantity) {
      throw request.quantity !== undefined
        ? new AppError('same_quantity', `You already have ${toQuantity} seats.`, 409)
        : new AppError('same_plan', 'You are already on that plan.', 409)
    }
    const kept = (await discountsOfSubscription(tx, subscription.id)).map((discount) => discount.id)
    return {
      subscriptionId: subscription.id, itemId: subscription.itemId, from, to: to!, fromQuantity, toQuantity, customerId, standing,
      periodEnd: subscription.currentPeriodEnd, kept, hasPaid: await hasPaidBefore(tx, party.userId),
    }
  })
}

/** The change with the typed code checked; the discounts sent keep the subscription's own beside the code's. */
async function withCode(loaded: Awaited<ReturnType<typeof loadChange>>, typed: string | null | undefined, at: Date): Promise<LoadedChange> {
  const code = typed
    ? await acceptPromotionCode(typed, {
      customerId: loaded.customerId, productId: loaded.to.productId, planName: loaded.to.name, currency: loaded.to.currency,
      amount: loaded.to.unitAmount * loaded.toQuantity, hasPaid: loaded.hasPaid, at,
    })
    : null
  const discounts: DiscountsParam | null = code
    ? [...loaded.kept.map((id) => ({ discount: id })), { promotion_code: code.promotionCodeId }]
    : null
  return { ...loaded, code, promotionCode: typed ? normaliseCode(typed) : null, discounts }
}

/**
 * Asks Stripe what the change costs now, with a fixed proration date (and the typed promotion code, if any), and
 * keeps that quote: confirming it later applies the same proration date and discounts, so the invoice equals this
 * preview to the cent. Asking again for the same change shows the same quote; previews are limited per customer.
 */
export function previewPlanChange(viewer: Viewer, priceIdOrRequest: string | ChangeRequest): Promise<PlanChangeQuote> {
  return previewChangeFor(theCustomer(viewer), typeof priceIdOrRequest === 'string' ? { priceId: priceIdOrRequest } : priceIdOrRequest)
}

/** The same preview for the party's customer, asked by the customer or by an admin for them (previews are limited per asker). */
export async function previewChangeFor(party: ChangeParty, request: ChangeRequest): Promise<PlanChangeQuote> {
  const at = now()
  await asService((tx) => consumeRateLimit(tx, { key: `preview:${party.actor.id}`, ...PREVIEW_LIMIT }, at, 'Too many previews in a short time. Wait a few minutes, then try again.'))
  const loaded = await loadChange(party, request)
  const blocker = planChangeBlocker(loaded.standing.status, loaded.standing.hasOpenInvoice)
  if (blocker && blocker.code !== 'open_invoice') throw refusalOf(blocker)
  const change = await withCode(loaded, request.promotionCode, at)
  // An open quote is shown again even while its own declined attempt keeps an invoice open: confirming it
  // (after the card is fixed) pays that invoice, and confirmation checks Stripe's state either way.
  const reusable = await asService(async (tx) => {
    const found = await findReusableQuote(tx, party.userId, change, at)
    if (found) await bumpCounter(tx, 'billing_invoice_previews_total')
    return found
  })
  if (reusable) return quoteOf(reusable.id, change, reusable.prorationDate, reusable.expiresAt, reusable.preview)
  if (blocker) throw refusalOf(blocker)
  const prorationDate = toUnixSeconds(at)
  const preview = await withDiscountRefusals(() => previewPriceChange({
    customerId: change.customerId, subscriptionId: change.subscriptionId, itemId: change.itemId, priceId: change.to.priceId,
    prorationDate, quantity: change.toQuantity, discounts: change.discounts ?? undefined,
  }))
  const expiresAt = new Date(at.getTime() + QUOTE_TTL_MS)
  const quoteId = await asService((tx) => storeQuote(tx, party, change, { prorationDate: fromUnixSeconds(prorationDate), expiresAt, at, preview }))
  return quoteOf(quoteId, change, fromUnixSeconds(prorationDate), expiresAt, preview)
}
