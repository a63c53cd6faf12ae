import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type Stripe from 'stripe'
import { linkCustomer } from '@/lib/billing/customers'
import { setDatabase } from '@/lib/db/client'
import type { Database } from '@/lib/db/types'
import { createTestDatabase, testDatabaseKind } from '@/test/database'
import { eventForwarder, startTestEmulator } from '@/test/emulator'
import type { RunningEmulator } from '@/stripe-emulator/src/server'

const DAY = 86_400
let userCount = 0

describe(`trials, pauses and manual invoices through real webhooks, on ${testDatabaseKind}`, () => {
  let db: Database
  let stripe: Stripe
  let emulator: RunningEmulator
  let deliverEvents: () => Promise<void>
  let price: Stripe.Price

  /** A user linked to a Stripe customer on a test clock of its own, with a card or without. */
  async function customerOnClock(card: boolean) {
    userCount += 1
    const user = { id: `00000000-0000-4000-8000-0000000d${String(userCount).padStart(4, '0')}`, email: `life${userCount}@test.example` }
    await db.query(`insert into auth.users (id, email) values ($1, $2)`, [user.id, user.email])
    const clock = await stripe.testHelpers.testClocks.create({ frozen_time: Math.floor(Date.now() / 1000) })
    const customer = await stripe.customers.create({ email: user.email, test_clock: clock.id })
    if (card) {
      const visa = await stripe.paymentMethods.attach('pm_card_visa', { customer: customer.id })
      await stripe.customers.update(customer.id, { invoice_settings: { default_payment_method: visa.id } })
    }
    await db.transaction((tx) => linkCustomer(tx, { userId: user.id, stripeCustomerId: customer.id, email: user.email }))
    return { user, clock, customer }
  }
  const stored = async (subscriptionId: string) =>
    (await db.query<{ status: string; user_id: string }>(`select status, user_id from public.subscriptions where id = $1`, [subscriptionId])).rows[0]

  beforeAll(async () => {
    db = await createTestDatabase()
    setDatabase(db)
    ;({ emulator, stripe } = await startTestEmulator())
    deliverEvents = eventForwarder(stripe)
    const product = await stripe.products.create({ name: 'Team', metadata: { self_serve: 'true' } })
    price = await stripe.prices.create({ product: product.id, unit_amount: 4900, currency: 'usd', recurring: { interval: 'month' } })
  })
  afterAll(async () => {
    await emulator.close()
    await db.close()
  })

  it('stores a trial, warns three days before it ends, and stores the paid subscription after it', async () => {
    const { user, clock } = await customerOnClock(true)
    const customerId = (await db.query<{ id: string }>(`select stripe_customer_id as id from public.customers where user_id = $1`, [user.id])).rows[0]!.id
    const subscription = await stripe.subscriptions.create({ customer: customerId, items: [{ price: price.id }], trial_period_days: 7 })
    await deliverEvents()
    expect(await stored(subscription.id)).toEqual({ status: 'trialing', user_id: user.id })

    await stripe.testHelpers.testClocks.advance(clock.id, { frozen_time: clock.frozen_time + 5 * DAY })
    await deliverEvents()
    const warned = await db.query(`select kind from public.notifications where user_id = $1`, [user.id])
    expect(warned.rows).toEqual([{ kind: 'trial_ending' }])

    await stripe.testHelpers.testClocks.advance(clock.id, { frozen_time: clock.frozen_time + 8 * DAY })
    await deliverEvents()
    expect(await stored(subscription.id)).toEqual({ status: 'active', user_id: user.id })
    const invoices = await db.query(`select status, total from public.invoices where subscription_id = $1 and total > 0`, [subscription.id])
    expect(invoices.rows).toEqual([{ status: 'paid', total: 4900 }])
  })

  it('stores a subscription paused when its trial ends without a card, and resumed once one is added', async () => {
    const { user, clock, customer } = await customerOnClock(false)
    const subscription = await stripe.subscriptions.create({
      customer: customer.id,
      items: [{ price: price.id }],
      trial_period_days: 3,
      trial_settings: { end_behavior: { missing_payment_method: 'pause' } },
    })
    await stripe.testHelpers.testClocks.advance(clock.id, { frozen_time: clock.frozen_time + 4 * DAY })
    await deliverEvents()
    expect(await stored(subscription.id)).toEqual({ status: 'paused', user_id: user.id })

    const visa = await stripe.paymentMethods.attach('pm_card_visa', { customer: customer.id })
    await stripe.customers.update(customer.id, { invoice_settings: { default_payment_method: visa.id } })
    await stripe.subscriptions.resume(subscription.id)
    await deliverEvents()
    expect(await stored(subscription.id)).toEqual({ status: 'active', user_id: user.id })
  })

  it('stores a one-off invoice built from an invoice item and paid out of band', async () => {
    const { user, customer } = await customerOnClock(false)
    await stripe.invoiceItems.create({ customer: customer.id, amount: 2500, currency: 'usd', description: 'Onboarding session' })
    const draft = await stripe.invoices.create({ customer: customer.id, pending_invoice_items_behavior: 'include', collection_method: 'send_invoice', days_until_due: 14 })
    await stripe.invoices.finalizeInvoice(draft.id)
    await stripe.invoices.pay(draft.id, { paid_out_of_band: true })
    await deliverEvents()
    const invoice = await db.query(`select user_id, status, total from public.invoices where id = $1`, [draft.id])
    expect(invoice.rows).toEqual([{ user_id: user.id, status: 'paid', total: 2500 }])
  })
})
