import 'server-only'
import type { Viewer } from '@/lib/auth/claims'
import { recordAudit, type AuditEntry } from '@/lib/audit/record'
import { now, toUnixSeconds } from '@/lib/clock'
import { asService } from '@/lib/db/transactions'
import { bumpCounter } from '@/lib/metrics/counters'
import { AppError } from '@/lib/http/errors'
import type { DiscountsParam } from '@/lib/stripe/discounts'
import { applyPriceChange, getSubscriptionPriceState, payPendingChange, type PriceChangeOutcome } from '@/lib/stripe/subscriptions'
import { assertPlanChangeable, changeScheduled } from './change-eligibility'
import { withDiscountRefusals } from './promotion-codes'

export interface QuoteRow {
  id: string
  subscriptionId: string
  itemId: string
  fromPriceId: string
  toPriceId: string
  fromPlan: string
  toPlan: string
  prorationDate: Date
  total: number
  amountDue: number
  currency: string
  attempts: number
  fromQuantity: number
  toQuantity: number
  promotionCode: string | null
  discounts: DiscountsParam | null
}

export interface ConfirmedPlanChange {
  subscriptionId: string
  priceId: string
  quantity: number
  invoiceId: string | null
}

/**
 * Takes the quote so a double submit cannot apply it twice (only the customer's own, unexpired quote), and
 * expires their other open quotes: each was priced against the plan this one is about to replace.
 */
async function claimQuote(userId: string, quoteId: string): Promise<QuoteRow> {
  const at = now()
  const quote = await asService(async (tx) => {
    const { rows } = await tx.query<QuoteRow>(
      `update public.plan_change_quotes q set confirmed_at = $3, attempts = q.attempts + 1
        where q.id = $1 and q.user_id = $2 and q.confirmed_at is null and q.expires_at > $3
        returning q.id, q.subscription_id as "subscriptionId", q.item_id as "itemId", q.from_price_id as "fromPriceId",
          q.to_price_id as "toPriceId", q.proration_date as "prorationDate", q.total, q.amount_due as "amountDue",
          q.currency, q.attempts, q.from_quantity as "fromQuantity", q.to_quantity as "toQuantity",
          q.promotion_code as "promotionCode", q.discounts,
          (select p.name from public.prices pr join public.products p on p.id = pr.product_id where pr.id = q.from_price_id) as "fromPlan",
          (select p.name from public.prices pr join public.products p on p.id = pr.product_id where pr.id = q.to_price_id) as "toPlan"`,
      [quoteId, userId, at],
    )
    if (rows[0]) {
      await tx.query(
        `update public.plan_change_quotes set expires_at = $3 where user_id = $1 and id <> $2 and confirmed_at is null and expires_at > $3`,
        [userId, quoteId, at],
      )
    }
    return rows[0]
  })
  if (!quote) throw new AppError('quote_unavailable', 'This preview has expired or was already used. Preview the change again.', 409)
  return quote
}

async function releaseQuote(quoteId: string): Promise<void> {
  await asService((tx) => tx.query(`update public.plan_change_quotes set confirmed_at = null where id = $1`, [quoteId]))
}

/**
 * Applies the quote in Stripe, judged against Stripe's own state rather than the local mirror. A retry after a
 * declined card pays the invoice Stripe is holding for this change, so the change is charged once.
 */
async function applyQuote(quote: QuoteRow): Promise<PriceChangeOutcome> {
  const idempotencyKey = `plan-change-${quote.id}-${quote.attempts}`
  const state = await getSubscriptionPriceState(quote.subscriptionId)
  if (state.pending?.priceId === quote.toPriceId && state.pending.invoiceOpen && state.pending.invoiceId) {
    return payPendingChange(state.pending.invoiceId, idempotencyKey)
  }
  if (state.scheduled) throw changeScheduled()
  if (state.priceId !== quote.fromPriceId || state.quantity !== quote.fromQuantity || state.pending) {
    throw new AppError('quote_stale', 'Your plan changed since this preview. Preview the change again.', 409)
  }
  assertPlanChangeable(state.status, state.latestInvoiceOpen)
  const change = {
    subscriptionId: quote.subscriptionId, itemId: quote.itemId, priceId: quote.toPriceId, prorationDate: toUnixSeconds(quote.prorationDate),
    quantity: quote.toQuantity, discounts: quote.discounts ?? undefined,
  }
  return withDiscountRefusals(() => applyPriceChange(change, idempotencyKey))
}

/** What an attempt changed, for its audit entry (whoever made it). */
export function attemptRecord(quote: QuoteRow, outcome: PriceChangeOutcome): Omit<AuditEntry, 'actor' | 'userId'> {
  const seats = quote.fromQuantity !== quote.toQuantity
  return {
    action: outcome.status === 'applied' ? 'plan_change.confirmed' : 'plan_change.declined',
    subject: { type: 'subscription', id: quote.subscriptionId },
    before: { priceId: quote.fromPriceId, ...(seats ? { quantity: quote.fromQuantity } : {}) },
    after: { priceId: quote.toPriceId, ...(seats ? { quantity: quote.toQuantity } : {}) },
    context: {
      quoteId: quote.id,
      attempt: quote.attempts,
      prorationDate: toUnixSeconds(quote.prorationDate),
      total: quote.total,
      amountDue: quote.amountDue,
      currency: quote.currency,
      invoiceId: outcome.invoiceId,
      ...(quote.promotionCode ? { promotionCode: quote.promotionCode } : {}),
    },
  }
}

/**
 * Claims the customer's quote and applies it in Stripe. A failure, or a declined card, leaves the quote usable:
 * once the card is fixed, confirming it again pays the invoice Stripe holds for it.
 */
export async function attemptQuote(userId: string, quoteId: string): Promise<{ quote: QuoteRow; outcome: PriceChangeOutcome }> {
  const quote = await claimQuote(userId, quoteId)
  let outcome: PriceChangeOutcome
  try {
    outcome = await applyQuote(quote)
  } catch (error) {
    await releaseQuote(quote.id)
    throw error
  }
  if (outcome.status === 'declined') await releaseQuote(quote.id)
  return { quote, outcome }
}

export const confirmedChange = (quote: QuoteRow, outcome: PriceChangeOutcome): ConfirmedPlanChange => ({
  subscriptionId: quote.subscriptionId, priceId: quote.toPriceId, quantity: quote.toQuantity, invoiceId: outcome.invoiceId,
})

/** Applies a previewed plan change in Stripe at the quoted proration date; the webhook then updates local state. */
export async function confirmPlanChange(viewer: Viewer, quoteId: string): Promise<ConfirmedPlanChange> {
  const { quote, outcome } = await attemptQuote(viewer.id, quoteId)
  await asService(async (tx) => {
    await recordAudit(tx, { actor: { type: 'user', id: viewer.id }, userId: viewer.id, ...attemptRecord(quote, outcome) })
    if (outcome.status === 'applied') await bumpCounter(tx, 'billing_plan_changes_total')
  })
  if (outcome.status === 'declined') {
    throw new AppError(
      'card_declined',
      `Your card was declined; you are still on ${quote.fromPlan}. Update your card, then confirm the change to ${quote.toPlan} again.`,
      402,
    )
  }
  return confirmedChange(quote, outcome)
}

/** Waits briefly for the webhooks to land the new price and its invoice, so the page shows both at once. */
export async function waitForPlanChangeWebhooks(change: ConfirmedPlanChange, timeoutMs = 5000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    const landed = await asService(async (tx) => {
      const { rows } = await tx.query<{ landed: boolean }>(
        `select exists (select 1 from public.subscriptions where id = $1 and price_id = $2 and quantity = $4)
            and ($3::text is null or exists (select 1 from public.invoices where id = $3 and status <> 'draft')) as landed`,
        [change.subscriptionId, change.priceId, change.invoiceId, change.quantity],
      )
      return rows[0]!.landed
    })
    if (landed) return true
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  return false
}
