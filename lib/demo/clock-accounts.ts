import 'server-only'
import type Stripe from 'stripe'
import { applyInvoice } from '@/lib/billing/invoice-sync'
import { applySubscription } from '@/lib/billing/subscription-sync'
import { fromUnixSeconds, toUnixSeconds, wallNow } from '@/lib/clock'
import { asService } from '@/lib/db/transactions'
import { openGracePeriod } from '@/lib/grace/open-grace-period'
import { graceSubscriptionOf } from '@/lib/grace/policy'
import { advanceTestClock, DEMO_CLOCK_PREFIX } from './test-clocks'

export interface DemoClockPlan {
  /** Paid renewals before today. */
  monthsOfHistory: number
  /** When the next renewal falls, from today; below zero, it fell that many days ago and `renewalCard` met it. */
  renewsInDays: number
  /** The card left on file after the history, e.g. one that declines the next renewal. */
  renewalCard: string
}

/** The clock starts far enough back that `monthsOfHistory` renewals are paid and the next one is `renewsInDays` away. */
export function demoClockStart(plan: DemoClockPlan, today = wallNow()): number {
  const start = new Date(today.getTime() + plan.renewsInDays * 86_400_000)
  start.setUTCMonth(start.getUTCMonth() - (plan.monthsOfHistory + 1))
  return toUnixSeconds(start)
}

export async function createDemoTestClock(stripe: Stripe, email: string, plan: DemoClockPlan): Promise<Stripe.TestHelpers.TestClock> {
  return stripe.testHelpers.testClocks.create({ frozen_time: demoClockStart(plan), name: `${DEMO_CLOCK_PREFIX}${email}` })
}

/**
 * Lives the subscription's history up to today on its test clock, with `renewalCard` as the default card from
 * the renewal after the paid ones: a renewal it declined in the past leaves the customer in a grace period.
 */
export async function liveDemoHistory(stripe: Stripe, subscription: Stripe.Subscription, plan: DemoClockPlan): Promise<void> {
  const customerId = subscription.customer as string
  const customer = await stripe.customers.retrieve(customerId)
  const clockId = 'deleted' in customer ? null : (customer.test_clock as string | null)
  if (!clockId) return
  const today = toUnixSeconds(wallNow())
  const cardSwap = plan.renewsInDays < 0 ? today + plan.renewsInDays * 86_400 - 3_600 : today
  await advanceTestClock(stripe, await stripe.testHelpers.testClocks.retrieve(clockId), cardSwap)
  const card = await stripe.paymentMethods.attach(plan.renewalCard, { customer: customerId })
  await stripe.customers.update(customerId, { invoice_settings: { default_payment_method: card.id } })
  if (cardSwap < today) await advanceTestClock(stripe, await stripe.testHelpers.testClocks.retrieve(clockId), today)
  const current = await stripe.subscriptions.retrieve(subscription.id)
  const version = { eventCreated: fromUnixSeconds(today), eventId: 'seed' }
  const invoices: Stripe.Invoice[] = []
  for await (const invoice of stripe.invoices.list({ customer: customerId, limit: 100 })) invoices.push(invoice)
  await asService(async (tx) => {
    await applySubscription(tx, current, version)
    for (const invoice of invoices) {
      await applyInvoice(tx, invoice, version.eventCreated)
      // A declined renewal opens its grace period, as its webhook does.
      const graceSubscription = invoice.status === 'open' && invoice.attempted ? graceSubscriptionOf(invoice) : null
      if (graceSubscription) await openGracePeriod(tx, invoice, graceSubscription)
    }
  })
}
