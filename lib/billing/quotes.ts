import 'server-only'
import { recordAudit } from '@/lib/audit/record'
import type { Queryable } from '@/lib/db/types'
import { bumpCounter } from '@/lib/metrics/counters'
import type { DiscountsParam } from '@/lib/stripe/discounts'
import type { InvoicePreview } from '@/lib/stripe/subscriptions'
import type { ChangeParty } from './change-party'
import type { Plan } from './plans'

/** A quote lives on while this long is left of it, instead of asking Stripe again. */
const REUSE_MIN_REMAINING_MS = 60 * 1000

/** What a quote prices: a plan, a seat count, the promotion code typed (normalised) and the discounts sent. */
export interface QuotedChange {
  subscriptionId: string
  itemId: string
  from: Plan
  to: Plan
  fromQuantity: number
  toQuantity: number
  promotionCode: string | null
  discounts: DiscountsParam | null
}

export interface StoredQuote {
  id: string
  prorationDate: Date
  expiresAt: Date
  preview: InvoicePreview
}

/** The customer's unexpired, unconfirmed quote for the same change, when it still has time left to confirm. */
export async function findReusableQuote(tx: Queryable, userId: string, change: QuotedChange, at: Date): Promise<StoredQuote | null> {
  const { rows } = await tx.query<StoredQuote>(
    `select id, proration_date as "prorationDate", expires_at as "expiresAt", preview from public.plan_change_quotes
      where user_id = $1 and subscription_id = $2 and from_price_id = $3 and to_price_id = $4
        and from_quantity = $6 and to_quantity = $7 and promotion_code is not distinct from $8
        and confirmed_at is null and preview is not null and expires_at > $5
      order by expires_at desc limit 1`,
    [userId, change.subscriptionId, change.from.priceId, change.to.priceId, new Date(at.getTime() + REUSE_MIN_REMAINING_MS),
      change.fromQuantity, change.toQuantity, change.promotionCode],
  )
  return rows[0] ?? null
}

/** Keeps the quote Stripe priced (and audits the preview); confirming applies exactly what it records. */
export async function storeQuote(
  tx: Queryable,
  party: ChangeParty,
  change: QuotedChange,
  quote: { prorationDate: Date; expiresAt: Date; at: Date; preview: InvoicePreview },
): Promise<string> {
  const { preview } = quote
  const { rows } = await tx.query<{ id: string }>(
    `insert into public.plan_change_quotes (user_id, subscription_id, item_id, from_price_id, to_price_id,
       proration_date, currency, total, amount_due, expires_at, created_at, preview, from_quantity, to_quantity,
       promotion_code, discounts)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12::jsonb, $13, $14, $15, $16::jsonb) returning id`,
    [party.userId, change.subscriptionId, change.itemId, change.from.priceId, change.to.priceId, quote.prorationDate,
      preview.currency, preview.total, preview.amountDue, quote.expiresAt, quote.at, JSON.stringify(preview),
      change.fromQuantity, change.toQuantity, change.promotionCode, change.discounts ? JSON.stringify(change.discounts) : null],
  )
  const id = rows[0]!.id
  await bumpCounter(tx, 'billing_invoice_previews_total')
  const seats = change.fromQuantity !== change.toQuantity
  await recordAudit(tx, {
    actor: party.actor,
    action: 'plan_change.previewed',
    subject: { type: 'subscription', id: change.subscriptionId },
    userId: party.userId,
    before: { priceId: change.from.priceId, plan: change.from.name, ...(seats ? { quantity: change.fromQuantity } : {}) },
    after: { priceId: change.to.priceId, plan: change.to.name, ...(seats ? { quantity: change.toQuantity } : {}) },
    context: {
      quoteId: id, prorationDate: Math.floor(quote.prorationDate.getTime() / 1000), total: preview.total, amountDue: preview.amountDue,
      currency: preview.currency, ...(change.promotionCode ? { promotionCode: change.promotionCode, discount: preview.discount } : {}),
    },
  })
  return id
}
