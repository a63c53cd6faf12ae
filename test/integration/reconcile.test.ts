import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type Stripe from 'stripe'
import { setDatabase } from '@/lib/db/client'
import type { Database } from '@/lib/db/types'
import { seedDemo } from '@/lib/demo/seed'
import { createStripeClient, setStripe } from '@/lib/stripe/client'
import { runWebhookRetryJob } from '@/lib/webhooks/retry-job'
import { storeEvent } from '@/lib/webhooks/store'
import { createTestDatabase, testDatabaseKind } from '@/test/database'
import { listEventsOldestFirst, startTestEmulator } from '@/test/emulator'

describe(`reconciliation heals a webhook outage, on ${testDatabaseKind}`, () => {
  let db: Database
  let stripe: Stripe
  let stopEmulator: () => Promise<void>

  beforeAll(async () => {
    db = await createTestDatabase()
    setDatabase(db)
    // No webhook endpoint: every event Stripe records is one the app never receives.
    const started = await startTestEmulator()
    stripe = started.stripe
    stopEmulator = () => started.emulator.close()
    await seedDemo(stripe)
    const customer = (await stripe.customers.list({ email: 'alice@example.com' })).data[0]!
    const subscription = (await stripe.subscriptions.list({ customer: customer.id })).data[0]!
    const pro = (await stripe.prices.list({ lookup_keys: ['pro_monthly'] })).data[0]!
    await stripe.subscriptions.update(subscription.id, { items: [{ id: subscription.items.data[0]!.id, price: pro.id }], proration_behavior: 'always_invoice' })
  })
  afterAll(async () => {
    await stopEmulator()
    await db.close()
  })

  it('ingests and applies every event the app missed, and finds nothing new the second time', async () => {
    const events = await listEventsOldestFirst(stripe)
    const first = await runWebhookRetryJob()
    expect(first.reconciled).toBe(events.length)
    expect(first.processed + first.ignored).toBe(events.length)
    const stored = await db.query<{ status: string }>(`select distinct status from public.webhook_events`)
    expect(stored.rows.map((row) => row.status).sort()).toEqual(['ignored', 'processed'])
    const local = await db.query(`select p.name from public.subscriptions s join public.prices pr on pr.id = s.price_id join public.products p on p.id = pr.product_id
      join public.customers c on c.user_id = s.user_id where c.email = 'alice@example.com'`)
    expect(local.rows).toEqual([{ name: 'Pro' }])

    expect(await runWebhookRetryJob()).toMatchObject({ reconciled: 0, claimed: 0 })
  })

  it('still runs the retries when Stripe cannot be reached', async () => {
    setStripe(createStripeClient({ emulatorUrl: 'http://127.0.0.1:9' }))
    try {
      const counts = await runWebhookRetryJob()
      expect(counts).toMatchObject({ reconcileFailed: 1, reconciled: 0 })
      const runs = await db.query<{ status: string }>(`select status from public.cron_runs order by id desc limit 1`)
      expect(runs.rows).toEqual([{ status: 'succeeded' }])
    } finally {
      setStripe(stripe)
    }
  })

  it('runs due retries before a listing longer than its budget, and resumes the listing where it stopped', async () => {
    await db.query(`delete from public.webhook_events`)
    await db.query(`delete from public.app_settings where key like 'webhook_reconcile%'`)
    for (let index = 0; index < 120; index++) await stripe.customers.create({ email: `busy${index}@test.example` })
    const missed = await listEventsOldestFirst(stripe)
    const due = missed[0]!
    await db.transaction((tx) => storeEvent(tx, due, new Date()))

    const first = await runWebhookRetryJob({ budgetMs: 0 })
    const dueStatus = await db.query(`select status from public.webhook_events where id = $1`, [due.id])
    expect(dueStatus.rows).toEqual([{ status: expect.stringMatching(/^(processed|ignored)$/) }])
    expect(first.reconciled).toBeGreaterThan(0)
    expect(first.reconciled).toBeLessThan(missed.length - 1)

    let reconciled = first.reconciled
    for (let run = 0; run < 5 && reconciled < missed.length - 1; run++) reconciled += (await runWebhookRetryJob({ budgetMs: 0 })).reconciled
    expect(reconciled).toBe(missed.length - 1)
    const stored = await db.query<{ n: number }>(`select count(distinct id)::int as n from public.webhook_events where id = any($1::text[])`, [missed.map((event) => event.id)])
    expect(stored.rows).toEqual([{ n: missed.length }])
  })
})
