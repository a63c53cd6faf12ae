import 'server-only'
import { recordAudit } from '@/lib/audit/record'
import type { Viewer } from '@/lib/auth/claims'
import { fromUnixSeconds, now, toUnixSeconds } from '@/lib/clock'
import { asService, asUser } from '@/lib/db/transactions'
import type { Queryable } from '@/lib/db/types'
import { AppError } from '@/lib/http/errors'
import { consumeRateLimit } from '@/lib/http/rate-limits'
import { bumpCounter } from '@/lib/metrics/counters'
import { previewPriceChange, type InvoicePreview } from '@/lib/stripe/subscriptions'
import { changeScheduled, planChangeBlocker, refusalOf } from './change-eligibility'
import { getStripeCustomerId } from './customers'
import { getPlanByPrice, type Plan } from './plans'
import { getCurrentSubscription, getScheduledChange } from './queries'

/**
 * How long a previewed price stays on offer. Confirming applies the preview's proration date, so a quote
 * backdates its change by at most this long; the portal previews again when it runs out.
 */
export const QUOTE_TTL_MS = 5 * 60 * 1000
/** A stored quote is shown again while it has at least this long left, instead of asking Stripe again. */
const REUSE_MIN_REMAINING_MS = 60 * 1000
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
}

/** Cheaper tier, or the same tier from yearly to monthly (less commitment): may wait for the period end. */
export function isDowngrade(from: Plan, to: Plan): boolean {
  return to.tier < from.tier || (to.tier === from.tier && from.interval === 'year' && to.interval === 'month')
}

const INTERVAL_MONTHS: Record<string, number> = { month: 1, year: 12 }

function addInterval(start: Date, interval: string): Date {
  const next = new Date(start)
  if (interval in INTERVAL_MONTHS) next.setUTCMonth(next.getUTCMonth() + INTERVAL_MONTHS[interval]!)
  else next.setUTCDate(next.getUTCDate() + (interval === 'week' ? 7 : 1))
  return next
}

/**
 * Credit this change leaves on the account (a negative total, or a balance larger than the charge) pays toward the
 * next invoice, which bills the new price for a full period: at the period end, or one new interval from the
 * change when the interval changes (Stripe starts a new period then).
 */
function nextInvoiceAfter(from: Plan, to: Plan, preview: InvoicePreview, prorationDate: Date, periodEnd: Date | null) {
  const creditLeft = Math.min(0, preview.startingBalance + preview.total)
  const date = from.interval !== to.interval || !periodEnd ? addInterval(prorationDate, to.interval) : periodEnd
  return { amount: Math.max(0, to.unitAmount + creditLeft), date: date.toISOString() }
}

function quoteOf(id: string, change: { from: Plan; to: Plan; periodEnd: Date | null }, prorationDate: Date, expiresAt: Date, preview: InvoicePreview): PlanChangeQuote {
  const { from, to, periodEnd } = change
  return {
    quoteId: id, from, to, prorationDate: prorationDate.toISOString(), expiresAt: expiresAt.toISOString(), preview,
    downgrade: isDowngrade(from, to),
    periodEnd: periodEnd?.toISOString() ?? null,
    nextInvoice: nextInvoiceAfter(from, to, preview, prorationDate, periodEnd),
  }
}

async function hasOpenInvoice(tx: Queryable, subscriptionId: string): Promise<boolean> {
  const { rows } = await tx.query(`select 1 from public.invoices where subscription_id = $1 and status = 'open' limit 1`, [subscriptionId])
  return rows.length > 0
}

async function loadChange(viewer: Viewer, priceId: string) {
  return asUser(viewer.claims, async (tx) => {
    const subscription = await getCurrentSubscription(tx, viewer.id)
    if (!subscription?.priceId || !subscription.itemId) {
      throw new AppError('no_subscription', 'You have no active subscription to change.', 409)
    }
    if (await getScheduledChange(tx, subscription.id, now())) throw changeScheduled()
    if (subscription.cancelAtPeriodEnd) {
      throw new AppError('cancellation_pending', 'Your subscription is set to end. Resume it before changing plans.', 409)
    }
    const standing = { status: subscription.status, hasOpenInvoice: await hasOpenInvoice(tx, subscription.id) }
    const to = await getPlanByPrice(tx, priceId)
    if (!to?.offered) throw new AppError('unknown_plan', 'That plan is not available.', 404)
    if (to.priceId === subscription.priceId) throw new AppError('same_plan', 'You are already on that plan.', 409)
    const from = await getPlanByPrice(tx, subscription.priceId)
    const customerId = await getStripeCustomerId(tx, viewer.id)
    if (!from || !customerId) throw new AppError('no_subscription', 'Your subscription is not set up for plan changes.', 409)
    return { subscription: { id: subscription.id, itemId: subscription.itemId }, from, to, customerId, standing, periodEnd: subscription.currentPeriodEnd }
  })
}

interface StoredQuote {
  id: string
  prorationDate: Date
  expiresAt: Date
  preview: InvoicePreview
}

/** The viewer's unexpired, unconfirmed quote for the same change, when it still has time left to confirm. */
async function findReusableQuote(tx: Queryable, viewer: Viewer, change: { subscriptionId: string; fromPriceId: string; toPriceId: string }, at: Date) {
  const { rows } = await tx.query<StoredQuote>(
    `select id, proration_date as "prorationDate", expires_at as "expiresAt", preview from public.plan_change_quotes
      where user_id = $1 and subscription_id = $2 and from_price_id = $3 and to_price_id = $4
        and confirmed_at is null and preview is not null and expires_at > $5
      order by expires_at desc limit 1`,
    [viewer.id, change.subscriptionId, change.fromPriceId, change.toPriceId, new Date(at.getTime() + REUSE_MIN_REMAINING_MS)],
  )
  return rows[0] ?? null
}

/**
 * Asks Stripe what the change costs now, with a fixed proration date, and keeps that quote: confirming
 * it later applies the same proration date, so the invoice equals this preview to the cent. Asking again
 * for the same change shows the same quote; previews are limited per customer.
 */
export async function previewPlanChange(viewer: Viewer, priceId: string): Promise<PlanChangeQuote> {
  const at = now()
  await asService((tx) => consumeRateLimit(tx, { key: `preview:${viewer.id}`, ...PREVIEW_LIMIT }, at, 'Too many previews in a short time. Wait a few minutes, then try again.'))
  const { subscription, from, to, customerId, standing, periodEnd } = await loadChange(viewer, priceId)
  const change = { subscriptionId: subscription.id, fromPriceId: from.priceId, toPriceId: to.priceId }
  const blocker = planChangeBlocker(standing.status, standing.hasOpenInvoice)
  if (blocker && blocker.code !== 'open_invoice') throw refusalOf(blocker)
  // An open quote is shown again even while its own declined attempt keeps an invoice open: confirming it
  // (after the card is fixed) pays that invoice, and confirmation checks Stripe's state either way.
  const reusable = await asService(async (tx) => {
    const found = await findReusableQuote(tx, viewer, change, at)
    if (found) await bumpCounter(tx, 'billing_invoice_previews_total')
    return found
  })
  if (reusable) {
    return quoteOf(reusable.id, { from, to, periodEnd }, reusable.prorationDate, reusable.expiresAt, reusable.preview)
  }
  if (blocker) throw refusalOf(blocker)
  const prorationDate = toUnixSeconds(at)
  const preview = await previewPriceChange({ customerId, subscriptionId: subscription.id, itemId: subscription.itemId, priceId: to.priceId, prorationDate })
  const expiresAt = new Date(at.getTime() + QUOTE_TTL_MS)
  const quoteId = await asService(async (tx) => {
    const { rows } = await tx.query<{ id: string }>(
      `insert into public.plan_change_quotes (user_id, subscription_id, item_id, from_price_id, to_price_id,
         proration_date, currency, total, amount_due, expires_at, created_at, preview)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12::jsonb) returning id`,
      [viewer.id, subscription.id, subscription.itemId, from.priceId, to.priceId, fromUnixSeconds(prorationDate),
        preview.currency, preview.total, preview.amountDue, expiresAt, at, JSON.stringify(preview)],
    )
    const id = rows[0]!.id
    await bumpCounter(tx, 'billing_invoice_previews_total')
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
  return quoteOf(quoteId, { from, to, periodEnd }, fromUnixSeconds(prorationDate), expiresAt, preview)
}
