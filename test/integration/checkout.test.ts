import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type Stripe from 'stripe'
import { recordCheckoutSession } from '@/lib/billing/checkout-sessions'
import { getInvoicePage } from '@/lib/billing/invoices'
import { getBillingOverview } from '@/lib/billing/queries'
import { setDatabase } from '@/lib/db/client'
import type { Database } from '@/lib/db/types'
import { receiveWebhook } from '@/lib/webhooks/receive'
import { createTestDatabase, testDatabaseKind } from '@/test/database'
import { listEventsOldestFirst, startTestEmulator } from '@/test/emulator'
import { ALICE, BOB, viewerFor } from '@/test/fixtures'
import { seededRandom } from '@/test/webhook-events'
import { eventOf, signPayload } from '@/test/stripe-objects'

const nowSeconds = () => Math.floor(Date.now() / 1000)

describe(`checkout.session.completed on ${testDatabaseKind}`, () => {
  let db: Database
  let stripe: Stripe
  let stopEmulator: () => Promise<void>
  let price: Stripe.Price
  let sessionCount = 0

  const deliver = async (event: Stripe.Event) => {
    const body = JSON.stringify(event)
    return receiveWebhook(body, signPayload(body))
  }
  const linkOf = async (customerId: string) => (await db.query(`select user_id from public.customers where stripe_customer_id = $1`, [customerId])).rows

  /** What Stripe does for a Checkout session in subscription mode: a customer, a paid subscription, its events. */
  async function checkOut(email: string, clientReferenceId: string) {
    const since = nowSeconds()
    const customer = await stripe.customers.create({ email })
    const card = await stripe.paymentMethods.attach('pm_card_visa', { customer: customer.id })
    const subscription = await stripe.subscriptions.create({ customer: customer.id, items: [{ price: price.id }], default_payment_method: card.id })
    sessionCount += 1
    const session = {
      id: `cs_test_${sessionCount}`,
      object: 'checkout.session',
      client_reference_id: clientReferenceId,
      customer: customer.id,
      customer_details: { email },
      mode: 'subscription',
      payment_status: 'paid',
      status: 'complete',
      subscription: subscription.id,
      amount_total: 1900,
    }
    const events = (await listEventsOldestFirst(stripe, since)).filter((event) => JSON.stringify(event).includes(customer.id))
    return { customer, subscription, session, events, completed: eventOf('checkout.session.completed', session, nowSeconds()) }
  }

  beforeAll(async () => {
    db = await createTestDatabase()
    setDatabase(db)
    for (const user of [ALICE, BOB]) await db.query(`insert into auth.users (id, email) values ($1, $2)`, [user.id, user.email])
    const started = await startTestEmulator()
    stripe = started.stripe
    stopEmulator = () => started.emulator.close()
    const product = await stripe.products.create({ name: 'Starter', metadata: { self_serve: 'true' } })
    price = await stripe.prices.create({ product: product.id, unit_amount: 1900, currency: 'usd', recurring: { interval: 'month' } })
  })
  afterAll(async () => {
    await stopEmulator()
    await db.close()
  })

  it('links the buyer of a session this app created and applies the subscription fetched from Stripe', async () => {
    const { customer, subscription, session, completed } = await checkOut(BOB.email, BOB.id)
    await db.transaction((tx) => recordCheckoutSession(tx, { id: session.id, userId: BOB.id, mode: 'subscription' }))
    expect(await deliver(completed)).toMatchObject({ outcome: 'processed' })
    expect(await linkOf(customer.id)).toEqual([{ user_id: BOB.id }])
    expect((await db.query(`select user_id, status, price_id from public.subscriptions where id = $1`, [subscription.id])).rows).toEqual([
      { user_id: BOB.id, status: 'active', price_id: price.id },
    ])
  })

  it('never re-points a linked user to another customer, and audits the attempt', async () => {
    const { customer: second, session, completed } = await checkOut(BOB.email, BOB.id)
    await db.transaction((tx) => recordCheckoutSession(tx, { id: session.id, userId: BOB.id, mode: 'subscription' }))
    await deliver(completed)
    expect(await linkOf(second.id)).toEqual([])
    const refused = await db.query(`select user_id from public.billing_audit_log where action = 'customer.link_refused' and subject_id = $1`, [second.id])
    expect(refused.rows).toEqual([{ user_id: BOB.id }])
  })

  it('ignores a client_reference_id the app did not set (Payment Links, pricing tables)', async () => {
    const { customer, completed } = await checkOut('mallory@test.example', ALICE.id)
    await deliver(completed)
    expect(await linkOf(customer.id)).toEqual([])
    const refused = await db.query(`select after ->> 'reason' as reason from public.billing_audit_log where action = 'customer.link_refused' and subject_id = $1`, [customer.id])
    expect(refused.rows).toEqual([{ reason: 'checkout session not created by this app' }])
  })

  it('shows the customer their subscription and first invoice whatever order the events arrive in', async () => {
    const random = seededRandom(7)
    for (let round = 0; round < 12; round++) {
      const user = { id: `00000000-0000-4000-8000-${String(round).padStart(12, '0')}`, email: `buyer${round}@test.example` }
      await db.query(`insert into auth.users (id, email) values ($1, $2)`, [user.id, user.email])
      const { session, events, completed } = await checkOut(user.email, user.id)
      await db.transaction((tx) => recordCheckoutSession(tx, { id: session.id, userId: user.id, mode: 'subscription' }))
      // The checkout event at each position in turn, the others shuffled.
      const others = events.map((event) => ({ event, key: random() })).sort((a, b) => a.key - b.key).map(({ event }) => event)
      const order = [...others.slice(0, round % (others.length + 1)), completed, ...others.slice(round % (others.length + 1))]
      for (const event of order) await deliver(event)

      const overview = await getBillingOverview(viewerFor(user))
      expect(overview.subscription?.status, `round ${round}`).toBe('active')
      expect((await getInvoicePage(viewerFor(user))).invoices.length, `round ${round}`).toBeGreaterThan(0)
    }
  })
})
