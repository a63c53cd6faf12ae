import 'server-only'
import type { Viewer } from '@/lib/auth/claims'
import { asUser } from '@/lib/db/transactions'
import type { Queryable } from '@/lib/db/types'
import { getPlanByPrice, listPlans, type Plan } from './plans'

export interface CurrentSubscription {
  id: string
  status: string
  priceId: string | null
  itemId: string | null
  currentPeriodStart: Date | null
  currentPeriodEnd: Date | null
  cancelAtPeriodEnd: boolean
}

export interface InvoiceSummary {
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
  invoices: InvoiceSummary[]
}

/** The viewer's live subscription (the newest one that has not ended). RLS limits rows to their own. */
export async function getCurrentSubscription(tx: Queryable, userId: string): Promise<CurrentSubscription | null> {
  const { rows } = await tx.query<CurrentSubscription>(
    `select id, status, price_id as "priceId", item_id as "itemId", current_period_start as "currentPeriodStart",
            current_period_end as "currentPeriodEnd", cancel_at_period_end as "cancelAtPeriodEnd"
       from public.subscriptions
      where user_id = $1 and status not in ('canceled', 'incomplete_expired')
      order by created_at desc limit 1`,
    [userId],
  )
  return rows[0] ?? null
}

export async function listInvoices(tx: Queryable, userId: string, limit = 24): Promise<InvoiceSummary[]> {
  const { rows } = await tx.query<InvoiceSummary>(
    `select id, number, status, currency, total, amount_due as "amountDue", amount_paid as "amountPaid",
            stripe_created_at as "createdAt", hosted_invoice_url as "hostedInvoiceUrl", invoice_pdf as "invoicePdf"
       from public.invoices
      where user_id = $1 and status <> 'draft'
      order by stripe_created_at desc, number desc nulls last, id desc limit $2`,
    [userId, limit],
  )
  return rows
}

export async function getBillingOverview(viewer: Viewer): Promise<BillingOverview> {
  return asUser(viewer.claims, async (tx) => {
    const subscription = await getCurrentSubscription(tx, viewer.id)
    const plan = subscription?.priceId ? await getPlanByPrice(tx, subscription.priceId) : null
    return { subscription, plan, plans: await listPlans(tx), invoices: await listInvoices(tx, viewer.id) }
  })
}
