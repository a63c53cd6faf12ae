import { createServer, request as httpRequest, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type Stripe from 'stripe'
import { setDatabase } from '@/lib/db/client'
import type { Database } from '@/lib/db/types'
import { createStripeClient, setStripe } from '@/lib/stripe/client'
import { receiveWebhook } from '@/lib/webhooks/receive'
import { createTestDatabase, testDatabaseKind } from '@/test/database'
import { eventOf, signPayload } from '@/test/stripe-objects'
import { startEmulator, type RunningEmulator } from '@/stripe-emulator/src/server'

/** Whether the database is free while the app waits on Stripe: a lock-free read must answer at once. */
async function databaseIsFree(db: Database, subscriptionId: string): Promise<boolean> {
  const probe = db.query(`select 1 from public.subscriptions where id = $1 for update nowait`, [subscriptionId]).then(
    () => true,
    () => false,
  )
  return Promise.race([probe, new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 1500))])
}

describe(`Stripe is called with no database transaction open, on ${testDatabaseKind}`, () => {
  let db: Database
  let emulator: RunningEmulator
  let proxy: Server
  let stripe: Stripe
  const probes: boolean[] = []

  beforeAll(async () => {
    db = await createTestDatabase()
    setDatabase(db)
    emulator = await startEmulator({ port: 0 })
    const target = new URL(emulator.url)
    // Stands between the app and Stripe and, while a subscription is being fetched, probes the database.
    proxy = createServer(async (incoming, outgoing) => {
      const fetched = incoming.method === 'GET' && /^\/v1\/subscriptions\/sub_/.exec(incoming.url ?? '')
      if (fetched) probes.push(await databaseIsFree(db, incoming.url!.split('/')[3]!.split('?')[0]!))
      const forward = httpRequest({ host: target.hostname, port: target.port, path: incoming.url, method: incoming.method, headers: incoming.headers }, (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers)
        answer.pipe(outgoing)
      })
      incoming.pipe(forward)
    })
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve))
    stripe = createStripeClient({ emulatorUrl: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}` })
    setStripe(stripe)
  })
  afterAll(async () => {
    proxy.close()
    await emulator.close()
    await db.close()
  })

  it('fetches the subscription of a same-second tie before opening the transaction that applies it', async () => {
    const product = await stripe.products.create({ name: 'Starter' })
    const price = await stripe.prices.create({ product: product.id, unit_amount: 1900, currency: 'usd', recurring: { interval: 'month' } })
    const customer = await stripe.customers.create({ email: 'tie@test.example' })
    const card = await stripe.paymentMethods.attach('pm_card_visa', { customer: customer.id })
    const subscription = await stripe.subscriptions.create({ customer: customer.id, items: [{ price: price.id }], default_payment_method: card.id })
    const created = Math.floor(Date.now() / 1000)
    for (const event of [eventOf('customer.subscription.updated', subscription, created), eventOf('customer.subscription.updated', subscription, created)]) {
      const body = JSON.stringify(event)
      expect(await receiveWebhook(body, signPayload(body))).toMatchObject({ outcome: 'processed' })
    }
    expect(probes).toEqual([true])
  })
})
