import 'server-only'
import type Stripe from 'stripe'
import { idOf } from '@/lib/billing/stripe-refs'
import { fromUnixSeconds } from '@/lib/clock'
import type { Queryable } from '@/lib/db/types'
import { env } from '@/lib/env'

/**
 * Invoices whose failure leaves a customer using time they have not paid for: renewals (and metered threshold
 * bills). A first invoice that fails leaves the subscription `incomplete` (never active, Stripe expires it), and
 * the app's plan changes use `pending_if_incomplete`, so a declined change keeps the customer on the plan they
 * paid for: neither opens a grace period.
 */
const GRACE_BILLING_REASONS = new Set<string>(['subscription_cycle', 'subscription_threshold'])

/** The subscription whose grace period this invoice concerns, or null when its failure opens none. */
export function graceSubscriptionOf(invoice: Stripe.Invoice): string | null {
  if (!GRACE_BILLING_REASONS.has(invoice.billing_reason ?? '')) return null
  return idOf(invoice.parent?.subscription_details?.subscription)
}

/**
 * When the grace period of this invoice starts: its finalization, when Stripe first tried to charge it. Taken
 * from the invoice, not from whichever event arrives first, so every delivery order gives the same deadline.
 */
export function graceStartOf(invoice: Stripe.Invoice): Date {
  return fromUnixSeconds(invoice.status_transitions?.finalized_at ?? invoice.created)
}

/** The plan's `grace_period_days` product metadata when it is a whole number of days, else GRACE_PERIOD_DAYS. */
export async function graceDaysFor(tx: Queryable, invoice: Stripe.Invoice): Promise<number> {
  const products = (invoice.lines?.data ?? []).flatMap((line) => {
    const product = line.pricing?.price_details?.product
    return typeof product === 'string' && product ? [product] : []
  })
  if (products.length === 0) return env.GRACE_PERIOD_DAYS
  const { rows } = await tx.query<{ days: string | null }>(
    `select metadata ->> 'grace_period_days' as days from public.products where id = any($1::text[])
      order by (metadata ->> 'grace_period_days') is null, id`,
    [products],
  )
  const days = Number(rows[0]?.days)
  return Number.isInteger(days) && days >= 1 && days <= 60 ? days : env.GRACE_PERIOD_DAYS
}
