import 'server-only'
import type { Viewer } from '@/lib/auth/claims'
import { recordAudit } from '@/lib/audit/record'
import { now, toUnixSeconds } from '@/lib/clock'
import { asService } from '@/lib/db/transactions'
import { AppError } from '@/lib/http/errors'
import { applyPriceChange } from '@/lib/stripe/subscriptions'
import { idOf } from './stripe-refs'

interface QuoteRow {
  id: string
  subscriptionId: string
  itemId: string
  fromPriceId: string
  toPriceId: string
  prorationDate: Date
  total: number
  amountDue: number
  currency: string
}

export interface ConfirmedPlanChange {
  subscriptionId: string
  priceId: string
  invoiceId: string | null
}

/** Takes the quote so a double submit cannot apply it twice; only the viewer's own, unexpired quote. */
async function claimQuote(viewer: Viewer, quoteId: string): Promise<QuoteRow> {
  return asService(async (tx) => {
    const { rows } = await tx.query<QuoteRow & { currentPriceId: string | null }>(
      `update public.plan_change_quotes q set confirmed_at = $3
         from public.subscriptions s
        where q.id = $1 and q.user_id = $2 and q.confirmed_at is null and q.expires_at > $3 and s.id = q.subscription_id
        returning q.id, q.subscription_id as "subscriptionId", q.item_id as "itemId", q.from_price_id as "fromPriceId",
          q.to_price_id as "toPriceId", q.proration_date as "prorationDate", q.total, q.amount_due as "amountDue",
          q.currency, s.price_id as "currentPriceId"`,
      [quoteId, viewer.id, now()],
    )
    const quote = rows[0]
    if (!quote) throw new AppError('quote_unavailable', 'This preview has expired or was already used. Preview the change again.', 409)
    if (quote.currentPriceId !== quote.fromPriceId) {
      throw new AppError('quote_stale', 'Your plan changed since this preview. Preview the change again.', 409)
    }
    return quote
  })
}

async function releaseQuote(quoteId: string): Promise<void> {
  await asService((tx) => tx.query(`update public.plan_change_quotes set confirmed_at = null where id = $1`, [quoteId]))
}

/** Applies a previewed plan change in Stripe at the quoted proration date; the webhook then updates local state. */
export async function confirmPlanChange(viewer: Viewer, quoteId: string): Promise<ConfirmedPlanChange> {
  const quote = await claimQuote(viewer, quoteId)
  const change = {
    subscriptionId: quote.subscriptionId,
    itemId: quote.itemId,
    priceId: quote.toPriceId,
    prorationDate: toUnixSeconds(quote.prorationDate),
  }
  let subscription
  try {
    subscription = await applyPriceChange(change, `plan-change-${quote.id}`)
  } catch (error) {
    await releaseQuote(quote.id)
    throw error
  }
  const invoiceId = idOf(subscription.latest_invoice)
  await asService((tx) =>
    recordAudit(tx, {
      actor: { type: 'user', id: viewer.id },
      action: 'plan_change.confirmed',
      subject: { type: 'subscription', id: quote.subscriptionId },
      userId: viewer.id,
      before: { priceId: quote.fromPriceId },
      after: { priceId: quote.toPriceId },
      context: { quoteId: quote.id, prorationDate: change.prorationDate, total: quote.total, amountDue: quote.amountDue, currency: quote.currency, invoiceId },
    }),
  )
  return { subscriptionId: quote.subscriptionId, priceId: quote.toPriceId, invoiceId }
}

/** Waits briefly for the webhooks to land the new price and its invoice, so the page shows both at once. */
export async function waitForPlanChangeWebhooks(change: ConfirmedPlanChange, timeoutMs = 5000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    const landed = await asService(async (tx) => {
      const { rows } = await tx.query<{ landed: boolean }>(
        `select exists (select 1 from public.subscriptions where id = $1 and price_id = $2)
            and ($3::text is null or exists (select 1 from public.invoices where id = $3 and status <> 'draft')) as landed`,
        [change.subscriptionId, change.priceId, change.invoiceId],
      )
      return rows[0]!.landed
    })
    if (landed) return true
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  return false
}
