import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type Stripe from 'stripe'
import { setDatabase } from '@/lib/db/client'
import type { Database } from '@/lib/db/types'
import { DEMO_ACCOUNTS } from '@/lib/demo/catalogue'
import { seedDemo } from '@/lib/demo/seed'
import { receiveWebhook } from '@/lib/webhooks/receive'
import { createTestDatabase, testDatabaseKind } from '@/test/database'
import { listEventsOldestFirst, startTestEmulator } from '@/test/emulator'
import { signPayload } from '@/test/stripe-objects'
import { seededRandom, shuffle } from '@/test/webhook-events'

const PERMUTATIONS = 200
const bob = DEMO_ACCOUNTS.find((account) => account.email === 'bob@example.com')!

describe(`events applied in any order end in the same state, on ${testDatabaseKind}`, () => {
  let db: Database
  let stripe: Stripe
  let close: () => Promise<void>
  let lifecycle: Stripe.Event[]

  async function replay(events: Stripe.Event[]) {
    await db.exec(`delete from public.webhook_events; delete from public.invoices; delete from public.subscriptions;`)
    for (const event of events) {
      const body = JSON.stringify(event)
      await receiveWebhook(body, signPayload(body))
    }
    const subscriptions = await db.query(
      `select id, status, price_id, current_period_start, current_period_end, cancel_at_period_end from public.subscriptions order by id`,
    )
    const invoices = await db.query(`select id, status, total, amount_due, amount_paid, attempt_count from public.invoices order by id`)
    return { subscriptions: subscriptions.rows, invoices: invoices.rows }
  }

  beforeAll(async () => {
    db = await createTestDatabase()
    setDatabase(db)
    const started = await startTestEmulator()
    stripe = started.stripe
    close = () => started.emulator.close()
    await seedDemo(stripe)
    const since = Math.floor(Date.now() / 1000)
    // Bob's card declines: an upgrade leaves the subscription past due with an open invoice, then he pays
    // it with a new card. Subscription created, invoice created, finalized, payment failed, paid, updated.
    const customer = (await stripe.customers.list({ email: bob.email })).data[0]!.id
    const subscription = (await stripe.subscriptions.list({ customer })).data[0]!
    const starter = (await stripe.prices.list({ lookup_keys: ['starter_monthly'] })).data[0]!
    const updated = await stripe.subscriptions.update(subscription.id, { items: [{ id: subscription.items.data[0]!.id, price: starter.id }], proration_behavior: 'always_invoice' })
    const visa = await stripe.paymentMethods.attach('pm_card_visa', { customer: updated.customer as string })
    await stripe.invoices.pay(updated.latest_invoice as string, { payment_method: visa.id })
    lifecycle = (await listEventsOldestFirst(stripe, since)).filter(
      (event) => /^(customer\.subscription|invoice)\./.test(event.type) && (event.data.object as { customer?: string }).customer === customer,
    )
  })
  afterAll(async () => {
    await close()
    await db.close()
  })

  it('covers the whole lifecycle of a failed and recovered payment', () => {
    const types = lifecycle.map((event) => event.type)
    for (const type of ['customer.subscription.updated', 'invoice.created', 'invoice.finalized', 'invoice.payment_failed', 'invoice.paid']) {
      expect(types).toContain(type)
    }
  })

  it(`reaches Stripe's final state in order and in ${PERMUTATIONS} random orders`, async () => {
    const inOrder = await replay(lifecycle)
    const subscription = await stripe.subscriptions.retrieve(inOrder.subscriptions[0]!.id as string)
    expect(inOrder.subscriptions).toHaveLength(1)
    expect(inOrder.subscriptions[0]).toMatchObject({ status: subscription.status, price_id: subscription.items.data[0]!.price.id })
    for (const local of inOrder.invoices) {
      const remote = await stripe.invoices.retrieve(local.id as string)
      expect(local).toMatchObject({ status: remote.status, total: remote.total, amount_paid: remote.amount_paid, attempt_count: remote.attempt_count })
    }
    expect(inOrder.invoices.some((invoice) => invoice.attempt_count === 2 && invoice.status === 'paid')).toBe(true)

    const random = seededRandom(7)
    for (let round = 0; round < PERMUTATIONS; round++) {
      expect(await replay(shuffle(lifecycle, random)), `permutation ${round}`).toEqual(inOrder)
    }
  }, 120_000) // some 2,000 deliveries
})
