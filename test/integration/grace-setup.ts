import type Stripe from 'stripe'
import { linkCustomer } from '@/lib/billing/customers'
import { getBillingOverview } from '@/lib/billing/queries'
import type { Database } from '@/lib/db/types'
import { DEMO_ACCOUNTS } from '@/lib/demo/catalogue'
import { viewerFor } from '@/test/fixtures'

export const DAY_MS = 86_400_000
const alice = viewerFor(DEMO_ACCOUNTS.find((account) => account.email === 'alice@example.com')!)

export async function planPrices(): Promise<Record<'Free' | 'Starter' | 'Pro', string>> {
  const { plans } = await getBillingOverview(alice)
  // The monthly prices; the catalogue also offers yearly ones.
  const monthly = plans.filter((plan) => plan.interval === 'month')
  return Object.fromEntries(monthly.map((plan) => [plan.name, plan.priceId])) as Record<'Free' | 'Starter' | 'Pro', string>
}

export interface ClockCustomer {
  userId: string
  email: string
  clock: Stripe.TestHelpers.TestClock
  customerId: string
  subscription: Stripe.Subscription
}

/** A customer on their own test clock, subscribed to `priceId` and paying with pm_card_visa. */
export async function subscribeOnTestClock(db: Database, stripe: Stripe, user: { id: string; email: string }, priceId: string): Promise<ClockCustomer> {
  await db.query(`insert into auth.users (id, email) values ($1, $2)`, [user.id, user.email])
  const clock = await stripe.testHelpers.testClocks.create({ frozen_time: Math.floor(Date.now() / 1000) })
  const customer = await stripe.customers.create({ email: user.email, test_clock: clock.id })
  await payWithCard(stripe, customer.id, 'pm_card_visa')
  await db.transaction((tx) => linkCustomer(tx, { userId: user.id, stripeCustomerId: customer.id, email: user.email }))
  const subscription = await stripe.subscriptions.create({ customer: customer.id, items: [{ price: priceId }] })
  return { userId: user.id, email: user.email, clock, customerId: customer.id, subscription }
}

export async function payWithCard(stripe: Stripe, customerId: string, token: 'pm_card_visa' | 'pm_card_chargeCustomerFail'): Promise<void> {
  const card = await stripe.paymentMethods.attach(token, { customer: customerId })
  await stripe.customers.update(customerId, { invoice_settings: { default_payment_method: card.id } })
}

/** Moves the customer's test clock past the first renewal, with a declining card: the renewal fails. */
export async function failRenewal(stripe: Stripe, customer: ClockCustomer): Promise<Stripe.Invoice> {
  await payWithCard(stripe, customer.customerId, 'pm_card_chargeCustomerFail')
  await stripe.testHelpers.testClocks.advance(customer.clock.id, { frozen_time: customer.clock.frozen_time + 31 * 86_400 })
  const invoices = await stripe.invoices.list({ customer: customer.customerId, limit: 10 })
  return invoices.data.find((invoice) => invoice.billing_reason === 'subscription_cycle')!
}

export async function graceRows(db: Database, subscriptionId: string) {
  const { rows } = await db.query<Record<string, unknown>>(
    `select id, user_id, invoice_id, status, started_at, ends_at, resolved_at, expired_at, closed_at, closed_reason,
            amount_due::int as amount_due, currency
       from public.grace_periods where subscription_id = $1 order by started_at, invoice_id`,
    [subscriptionId],
  )
  return rows
}

export async function notificationKinds(db: Database, userId: string): Promise<string[]> {
  const { rows } = await db.query<{ kind: string; days: string | null }>(
    `select kind, payload ->> 'daysLeft' as days from public.notifications where user_id = $1 order by created_at, dedupe_key`,
    [userId],
  )
  return rows.map((row) => (row.days ? `${row.kind}:${row.days}d` : row.kind))
}

export async function auditActions(db: Database, subjectId: string): Promise<string[]> {
  const { rows } = await db.query<{ action: string }>(
    `select action from public.billing_audit_log where subject_type = 'grace_period' and subject_id = $1 order by id`,
    [subjectId],
  )
  return rows.map((row) => row.action)
}
