import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { setDatabase } from '@/lib/db/client'
import type { Database } from '@/lib/db/types'
import { createTestDatabase, testDatabaseKind } from '@/test/database'
import { ALICE, insertUsers } from '@/test/fixtures'
import { eventOf, signPayload, subscriptionObject } from '@/test/stripe-objects'
import { drainReceivedEvents } from './drain'
import { acceptWebhook, receiveWebhook } from './receive'
import { storeEvent } from './store'
import { verifyStripeEvent } from './verify'

const nowSeconds = () => Math.floor(Date.now() / 1000)

describe(`webhook receiver on ${testDatabaseKind}`, () => {
  let db: Database
  const count = async (table: string) => (await db.query<{ n: number }>(`select count(*)::int as n from public.${table}`)).rows[0]!.n

  beforeAll(async () => {
    db = await createTestDatabase()
    setDatabase(db)
    await db.transaction(insertUsers)
  })
  beforeEach(async () => {
    await db.query(`delete from public.webhook_events`)
    await db.query(`delete from public.subscriptions`)
  })
  afterAll(() => db.close())

  const subscriptionEvent = () =>
    eventOf('customer.subscription.created', subscriptionObject({ id: `sub_${Math.random().toString(36).slice(2)}`, customer: ALICE.customer, price: 'price_starter', created: nowSeconds() }), nowSeconds())

  it.each([
    ['missing', () => null],
    ['forged with another secret', (body: string) => signPayload(body, { secret: 'whsec_attacker' })],
    ['stale (older than 300 s)', (body: string) => signPayload(body, { timestamp: nowSeconds() - 301 })],
    ['malformed', () => 't=abc,v1=zzz'],
  ])('refuses a delivery whose signature is %s and stores nothing', async (_name, sign) => {
    const body = JSON.stringify(subscriptionEvent())
    await expect(receiveWebhook(body, sign(body))).rejects.toMatchObject({ status: 400 })
    expect(await count('webhook_events')).toBe(0)
    expect(await count('subscriptions')).toBe(0)
  })

  it('refuses a correctly signed body that is not a Stripe event, storing nothing', async () => {
    for (const body of ['{"hello":"world"}', 'not json at all', JSON.stringify({ ...subscriptionEvent(), id: 'nope' })]) {
      await expect(receiveWebhook(body, signPayload(body))).rejects.toMatchObject({ status: 400 })
    }
    expect(await count('webhook_events')).toBe(0)
  })

  it('stores and applies a valid event once, however many times it arrives', async () => {
    const event = subscriptionEvent()
    const body = JSON.stringify(event)
    const results = await Promise.all(Array.from({ length: 20 }, () => receiveWebhook(body, signPayload(body))))
    expect(results.filter((result) => !result.duplicate)).toHaveLength(1)
    expect(results.find((result) => !result.duplicate)?.outcome).toBe('processed')
    expect(await count('webhook_events')).toBe(1)
    const { rows } = await db.query<{ status: string; user_id: string }>(`select status, user_id from public.subscriptions`)
    expect(rows).toEqual([{ status: 'active', user_id: ALICE.id }])
    const audit = await db.query(`select 1 from public.billing_audit_log where context ->> 'eventId' = $1`, [event.id])
    expect(audit.rows).toHaveLength(1)
  })

  it('stores a delivery as received before applying it, and the drain applies every stored event once, leaving retries to the retry job', async () => {
    const retry = subscriptionEvent()
    await storeEvent(db, retry, new Date(), { status: 'failed', nextAttemptAt: new Date(Date.now() - 1000), lastError: 'failed once' })
    const events = Array.from({ length: 12 }, subscriptionEvent)
    const accept = (event: (typeof events)[number]) => {
      const body = JSON.stringify(event)
      return acceptWebhook(body, signPayload(body))
    }
    for (const event of events.slice(0, 6)) expect(await accept(event)).toMatchObject({ outcome: 'received', duplicate: false })
    expect(await count('subscriptions')).toBe(0)

    const first = drainReceivedEvents()
    const second = drainReceivedEvents()
    let drained = false
    void second.then(() => (drained = true))
    // The request that started the drain is let go once a later one carries it, while the drain goes on.
    await first
    expect(drained).toBe(false)
    // Deliveries stored while a drain runs are applied too, by that drain or the next.
    const later = Promise.all(events.slice(6).map(async (event) => (await accept(event), drainReceivedEvents())))
    await Promise.all([second, later])
    const { rows } = await db.query<{ status: string; attempts: number; n: number }>(
      `select status, attempts, count(*)::int as n from public.webhook_events group by status, attempts order by status`,
    )
    expect(rows).toEqual([
      { status: 'failed', attempts: 1, n: 1 },
      { status: 'processed', attempts: 1, n: 12 },
    ])
    expect(await count('subscriptions')).toBe(12)
  })

  it('stores an event type the app does not handle and marks it ignored', async () => {
    const event = eventOf('customer.tax_id.created', { id: 'txi_1', object: 'tax_id' } as never, nowSeconds())
    const body = JSON.stringify(event)
    expect(await receiveWebhook(body, signPayload(body))).toMatchObject({ outcome: 'ignored' })
    const { rows } = await db.query<{ status: string }>(`select status from public.webhook_events where id = $1`, [event.id])
    expect(rows).toEqual([{ status: 'ignored' }])
  })

  it('accepts the old and the new secret while a secret is being rolled', async () => {
    const body = JSON.stringify(subscriptionEvent())
    const secrets = ['whsec_old', 'whsec_new']
    await expect(verifyStripeEvent(body, signPayload(body, { secret: 'whsec_new' }), secrets)).resolves.toMatchObject({ object: 'event' })
    await expect(verifyStripeEvent(body, signPayload(body, { secret: 'whsec_old' }), secrets)).resolves.toMatchObject({ object: 'event' })
    await expect(verifyStripeEvent(body, signPayload(body, { secret: 'whsec_other' }), secrets)).rejects.toMatchObject({ status: 400 })
  })
})
