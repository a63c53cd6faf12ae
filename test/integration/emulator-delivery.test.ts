import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type Stripe from 'stripe'
import { webhookSecrets } from '@/lib/env'
import { setDatabase } from '@/lib/db/client'
import type { Database } from '@/lib/db/types'
import { seedDemo } from '@/lib/demo/seed'
import { EVENT_HANDLERS } from '@/lib/webhooks/handlers'
import type { EventHandler } from '@/lib/webhooks/handlers/types'
import { receiveWebhook } from '@/lib/webhooks/receive'
import { runWebhookRetryJob } from '@/lib/webhooks/retry-job'
import { createTestDatabase, testDatabaseKind } from '@/test/database'
import { listEventsOldestFirst, startTestEmulator, waitForDeliveries } from '@/test/emulator'
import { seededRandom } from '@/test/webhook-events'

/** The app's handlers, failing a seeded 30% of the time. */
function flakyHandlers(random: () => number) {
  return Object.fromEntries(
    Object.entries(EVENT_HANDLERS).map(([type, handler]): [string, EventHandler] => [
      type,
      async (tx, event, fetches) => {
        if (random() < 0.3) throw new Error('injected handler failure')
        await handler!(tx, event, fetches)
      },
    ]),
  )
}

describe(`Stripe's retried deliveries and the app's retries converge, on ${testDatabaseKind}`, () => {
  let db: Database
  let stripe: Stripe
  let receiver: Server
  let stopEmulator: () => Promise<void>
  const deliveriesSeen = new Map<string, number>()

  beforeAll(async () => {
    db = await createTestDatabase()
    setDatabase(db)
    const handlers = flakyHandlers(seededRandom(99))
    // The endpoint refuses each event's first delivery outright (an outage), then stores it through the app.
    receiver = createServer((request, response) => {
      const chunks: Buffer[] = []
      request.on('data', (chunk: Buffer) => chunks.push(chunk))
      request.on('end', async () => {
        const body = Buffer.concat(chunks).toString('utf8')
        const id = (JSON.parse(body) as { id: string }).id
        const seen = (deliveriesSeen.get(id) ?? 0) + 1
        deliveriesSeen.set(id, seen)
        if (seen === 1) return response.writeHead(503).end()
        try {
          await receiveWebhook(body, request.headers['stripe-signature'] as string, handlers)
          response.writeHead(200).end()
        } catch {
          response.writeHead(500).end()
        }
      })
    })
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve))
    const { port } = receiver.address() as AddressInfo
    const started = await startTestEmulator({ webhookUrl: `http://127.0.0.1:${port}/`, webhookSecret: webhookSecrets[0], retryBaseMs: 10 })
    stripe = started.stripe
    stopEmulator = () => started.emulator.close()

    await seedDemo(stripe)
    const customers = await stripe.customers.list({ limit: 10 })
    for (const customer of customers.data) {
      const [subscription] = (await stripe.subscriptions.list({ customer: customer.id })).data
      const pro = (await stripe.prices.list({ lookup_keys: ['pro_monthly'] })).data[0]!
      await stripe.subscriptions.update(subscription!.id, { items: [{ id: subscription!.items.data[0]!.id, price: pro.id }], proration_behavior: 'always_invoice' })
    }
    await waitForDeliveries(started.emulator)
  })
  afterAll(async () => {
    await stopEmulator()
    receiver.close()
    await db.close()
  })

  it('stores every event Stripe sent exactly once and, after the retry job, applies all of them', async () => {
    const events = await listEventsOldestFirst(stripe)
    expect([...deliveriesSeen.values()].every((times) => times >= 2)).toBe(true)

    let clock = Date.now()
    for (let run = 0; run < 10; run++) {
      clock += 2 * 3_600_000
      await runWebhookRetryJob({ now: () => new Date(clock), reconcile: false })
    }
    const stored = await db.query<{ id: string; status: string }>(`select id, status from public.webhook_events`)
    expect(stored.rows.map((row) => row.id).sort()).toEqual(events.map((event) => event.id).sort())
    expect(stored.rows.filter((row) => !['processed', 'ignored'].includes(row.status))).toEqual([])

    for (const subscription of (await stripe.subscriptions.list({ limit: 100 })).data) {
      const local = await db.query(`select status, price_id from public.subscriptions where id = $1`, [subscription.id])
      expect(local.rows).toEqual([{ status: subscription.status, price_id: subscription.items.data[0]!.price.id }])
    }
    for (const invoice of (await stripe.invoices.list({ limit: 100 })).data) {
      const local = await db.query(`select status, total, amount_paid from public.invoices where id = $1`, [invoice.id])
      expect(local.rows).toEqual([{ status: invoice.status, total: invoice.total, amount_paid: invoice.amount_paid }])
    }
  })
})
