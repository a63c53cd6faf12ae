import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type Stripe from 'stripe'
import { setDatabase } from '@/lib/db/client'
import type { Database } from '@/lib/db/types'
import { receiveWebhook } from '@/lib/webhooks/receive'
import { createTestDatabase, testDatabaseKind } from '@/test/database'
import { startTestEmulator } from '@/test/emulator'
import { BOB } from '@/test/fixtures'
import { eventOf, signPayload } from '@/test/stripe-objects'

describe(`checkout.session.completed on ${testDatabaseKind}`, () => {
  let db: Database
  let stripe: Stripe
  let stopEmulator: () => Promise<void>
  beforeAll(async () => {
    db = await createTestDatabase()
    setDatabase(db)
    await db.query(`insert into auth.users (id, email) values ($1, $2)`, [BOB.id, BOB.email])
    const started = await startTestEmulator()
    stripe = started.stripe
    stopEmulator = () => started.emulator.close()
  })
  afterAll(async () => {
    await stopEmulator()
    await db.close()
  })

  it('links the paying customer to the user who started checkout and applies the subscription fetched from Stripe', async () => {
    const product = await stripe.products.create({ name: 'Starter' })
    const price = await stripe.prices.create({ product: product.id, unit_amount: 1900, currency: 'usd', recurring: { interval: 'month' } })
    const customer = await stripe.customers.create({ email: BOB.email })
    const card = await stripe.paymentMethods.attach('pm_card_visa', { customer: customer.id })
    const subscription = await stripe.subscriptions.create({ customer: customer.id, items: [{ price: price.id }], default_payment_method: card.id })
    const session = {
      id: 'cs_test_1',
      object: 'checkout.session',
      client_reference_id: BOB.id,
      customer: customer.id,
      customer_details: { email: BOB.email },
      mode: 'subscription',
      payment_status: 'paid',
      status: 'complete',
      subscription: subscription.id,
      amount_total: 1900,
    }
    const body = JSON.stringify(eventOf('checkout.session.completed', session, Math.floor(Date.now() / 1000)))
    expect(await receiveWebhook(body, signPayload(body))).toMatchObject({ outcome: 'processed' })
    expect((await db.query(`select user_id from public.customers where stripe_customer_id = $1`, [customer.id])).rows).toEqual([{ user_id: BOB.id }])
    expect((await db.query(`select user_id, status, price_id from public.subscriptions where id = $1`, [subscription.id])).rows).toEqual([
      { user_id: BOB.id, status: 'active', price_id: price.id },
    ])
  })
})
