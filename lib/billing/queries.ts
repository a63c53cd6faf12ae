import 'server-only'
import type { Viewer } from '@/lib/auth/claims'
import { now } from '@/lib/clock'
import { asUser } from '@/lib/db/transactions'
import type { Queryable } from '@/lib/db/types'
import type { SubscriptionDiscount } from '@/lib/stripe/discounts'
import { withAdjustments, type InvoiceAdjustments } from './invoice-adjustments'
import { getPlanByPrice, listPlans, type Plan } from './plans'

export interface CurrentSubscription {
  id: string
  status: string
  priceId: string | null
  itemId: string | null
  currentPeriodStart: Date | null
  currentPeriodEnd: Date | null
  cancelAtPeriodEnd: boolean
  quantity: number
  trialEnd: Date | null
  /** Mirrored from Stripe by the webhooks: coupon terms, the code used, when each ends. */
  discounts: SubscriptionDiscount[]
}

/** A plan change waiting for the end of the period (a Stripe subscription schedule). */
export interface ScheduledChange {
  toPriceId: string
  toPlanName: string
  effectiveAt: Date
}

/** An invoice as the lists show it: Stripe's figures, and the refunds and credit notes made against it since. */
export interface InvoiceSummary extends InvoiceAdjustments {
  id: string
  number: string | null
  status: string
  currency: string
  total: number
  amountDue: number
  amountPaid: number
  createdAt: Date
  hostedInvoiceUrl: string | null
  invoicePdf: string | null
}

export interface BillingOverview {
  subscription: CurrentSubscription | null
  plan: Plan | null
  plans: Plan[]
  scheduledChange: ScheduledChange | null
}

/** The viewer's live subscription (the newest one that has not ended). RLS limits rows to their own. */
export async function getCurrentSubscription(tx: Queryable, userId: string): Promise<CurrentSubscription | null> {
  const { rows } = await tx.query<CurrentSubscription>(
    `select id, status, price_id as "priceId", item_id as "itemId", current_period_start as "currentPeriodStart",
            current_period_end as "currentPeriodEnd", cancel_at_period_end as "cancelAtPeriodEnd", quantity,
            trial_end as "trialEnd", discounts
       from public.subscriptions
      where user_id = $1 and status not in ('canceled', 'incomplete_expired')
      order by created_at desc limit 1`,
    [userId],
  )
  return rows[0] ?? null
}

/** The subscription's pending period-end change, unless it has already taken effect. */
export async function getScheduledChange(tx: Queryable, subscriptionId: string, at: Date): Promise<ScheduledChange | null> {
  const { rows } = await tx.query<ScheduledChange>(
    `select c.to_price_id as "toPriceId", p.name as "toPlanName", c.effective_at as "effectiveAt"
       from public.scheduled_plan_changes c
       join public.subscriptions s on s.id = c.subscription_id
       join public.prices pr on pr.id = c.to_price_id
       join public.products p on p.id = pr.product_id
      where c.subscription_id = $1 and c.effective_at > $2 and s.price_id is distinct from c.to_price_id`,
    [subscriptionId, at],
  )
  return rows[0] ?? null
}

export async function listInvoices(tx: Queryable, userId: string, limit = 24): Promise<InvoiceSummary[]> {
  const { rows } = await tx.query<Omit<InvoiceSummary, keyof InvoiceAdjustments>>(
    `select id, number, status, currency, total, amount_due as "amountDue", amount_paid as "amountPaid",
            stripe_created_at as "createdAt", hosted_invoice_url as "hostedInvoiceUrl", invoice_pdf as "invoicePdf"
       from public.invoices
      where user_id = $1 and status <> 'draft'
      order by stripe_created_at desc, number desc nulls last, id desc limit $2`,
    [userId, limit],
  )
  return withAdjustments(tx, rows)
}

export async function getBillingOverview(viewer: Viewer): Promise<BillingOverview> {
  return asUser(viewer.claims, async (tx) => {
    const subscription = await getCurrentSubscription(tx, viewer.id)
    const plans = await listPlans(tx)
    const priceId = subscription?.priceId
    // A price no longer offered (a legacy plan) is not among the plans on offer.
    const plan = priceId ? (plans.find((offered) => offered.priceId === priceId) ?? (await getPlanByPrice(tx, priceId))) : null
    const scheduledChange = subscription ? await getScheduledChange(tx, subscription.id, now()) : null
    return { subscription, plan, plans, scheduledChange }
  })
}
