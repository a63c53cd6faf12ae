import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { Database } from '@/lib/db/types'
import { createTestDatabase, testDatabaseKind } from '@/test/database'
import { ALICE, insertUsers } from '@/test/fixtures'
import { customerObject, eventOf, signPayload, subscriptionObject } from '@/test/stripe-objects'

// What the route hands Next.js to run after its answer: kept here and run when the test says the answer is out.
const afterAnswer = vi.hoisted(() => [] as (() => Promise<unknown>)[])
vi.mock('next/server', async (original) => ({ ...(await original<typeof import('next/server')>()), after: (task: () => Promise<unknown>) => afterAnswer.push(task) }))

const nowSeconds = () => Math.floor(Date.now() / 1000)
let POST: (request: Request) => Promise<Response>
const deliver = (body: string, signature: string | null) =>
  POST(new Request('http://localhost/api/webhooks/stripe', { method: 'POST', body, headers: signature ? { 'stripe-signature': signature } : {} }))
const runAfterAnswer = () => Promise.all(afterAnswer.splice(0).map((task) => task()))

describe(`POST /api/webhooks/stripe on ${testDatabaseKind}`, () => {
  let db: Database
  const storedEvents = async () => (await db.query<{ n: number }>(`select count(*)::int as n from public.webhook_events`)).rows[0]!.n

  beforeAll(async () => {
    vi.resetModules()
    ;({ POST } = await import('@/app/api/webhooks/stripe/route'))
    db = await createTestDatabase()
    ;(await import('@/lib/db/client')).setDatabase(db)
    await db.transaction(insertUsers)
  })
  afterAll(() => db.close())

  const validEvent = () =>
    eventOf('customer.subscription.created', subscriptionObject({ id: `sub_${Math.random().toString(36).slice(2)}`, customer: ALICE.customer, price: 'price_a', created: nowSeconds() }), nowSeconds())

  it('answers 200 once a delivery is stored and again for its repeat, then applies it once after answering', async () => {
    const event = validEvent()
    const body = JSON.stringify(event)
    const first = await deliver(body, signPayload(body))
    const repeat = await deliver(body, signPayload(body))
    expect([first.status, repeat.status]).toEqual([200, 200])
    expect(await first.json()).toMatchObject({ received: true, duplicate: false, outcome: 'received' })
    expect(await repeat.json()).toMatchObject({ received: true, duplicate: true })
    expect(await storedEvents()).toBe(1)
    const subscriptionId = (event.data.object as { id: string }).id
    expect((await db.query(`select 1 from public.subscriptions where id = $1`, [subscriptionId])).rows).toEqual([])

    await runAfterAnswer()
    expect((await db.query(`select status, attempts from public.webhook_events where id = $1`, [event.id])).rows).toEqual([{ status: 'processed', attempts: 1 }])
    expect((await db.query(`select user_id from public.subscriptions where id = $1`, [subscriptionId])).rows).toEqual([{ user_id: ALICE.id }])
  })

  it('answers 400 with a reason for forged, stale and malformed deliveries, storing nothing', async () => {
    const before = await storedEvents()
    const body = JSON.stringify(validEvent())
    const cases = [
      await deliver(body, null),
      await deliver(body, signPayload(body, { secret: 'whsec_forged' })),
      await deliver(body, signPayload(body, { timestamp: nowSeconds() - 600 })),
      await deliver('{"not":"an event"}', signPayload('{"not":"an event"}')),
      await deliver('}{', signPayload('}{')),
    ]
    for (const response of cases) {
      expect(response.status).toBe(400)
      expect(await response.json()).toEqual({ error: { code: expect.any(String), message: expect.any(String) } })
    }
    expect(await storedEvents()).toBe(before)
  })

  it('answers 413 for a body over 1 MiB, storing nothing', async () => {
    const before = await storedEvents()
    const event = validEvent() as unknown as { data: { object: { metadata: Record<string, string> } } }
    event.data.object.metadata = { padding: 'x'.repeat(1024 * 1024) }
    const body = JSON.stringify(event)
    const response = await deliver(body, signPayload(body))
    expect(response.status).toBe(413)
    expect((await response.json()).error.code).toBe('payload_too_large')
    expect(await storedEvents()).toBe(before)
  })

  it('answers 200 for an event type the app does not handle, and stores it as ignored', async () => {
    const event = eventOf('radar.early_fraud_warning.created', { id: 'issfr_1', object: 'radar.early_fraud_warning' } as never, nowSeconds())
    const body = JSON.stringify(event)
    const response = await deliver(body, signPayload(body))
    expect(response.status).toBe(200)
    expect((await db.query(`select status from public.webhook_events where id = $1`, [event.id])).rows).toEqual([{ status: 'ignored' }])
  })

  it('stores and applies an event with U+0000 in a text field, keeping the body as signed', async () => {
    const customer = customerObject({ id: 'cus_nul', email: 'nul@test.example', userId: ALICE.id, created: nowSeconds() })
    ;(customer as unknown as { name: string }).name = 'Ann\u0000Smith'
    const event = eventOf('customer.updated', customer, nowSeconds())
    const body = JSON.stringify(event)
    expect(body).toContain('\\u0000')
    const response = await deliver(body, signPayload(body))
    expect(response.status).toBe(200)
    await runAfterAnswer()
    const { rows } = await db.query<{ status: string; name: string; raw_body: string }>(
      `select status, payload -> 'data' -> 'object' ->> 'name' as name, raw_body from public.webhook_events where id = $1`,
      [event.id],
    )
    expect(rows).toEqual([{ status: 'processed', name: 'Ann\uFFFDSmith', raw_body: body }])
  })

  it('stores a live-mode event at a test-mode deployment without applying it', async () => {
    const event = { ...validEvent(), livemode: true }
    const body = JSON.stringify(event)
    const response = await deliver(body, signPayload(body))
    expect(response.status).toBe(200)
    const { rows } = await db.query<{ status: string; last_error: string }>(`select status, last_error from public.webhook_events where id = $1`, [event.id])
    expect(rows).toEqual([{ status: 'ignored', last_error: expect.stringMatching(/^misrouted: a live-mode event/) }])
    const subscriptionId = (event.data.object as { id: string }).id
    expect((await db.query(`select 1 from public.subscriptions where id = $1`, [subscriptionId])).rows).toEqual([])
  })

  it('answers 500 only when the event cannot be stored', async () => {
    await db.exec(`alter table public.webhook_events rename to webhook_events_away`)
    try {
      const body = JSON.stringify(validEvent())
      const response = await deliver(body, signPayload(body))
      expect(response.status).toBe(500)
      expect((await response.json()).error.code).toBe('internal_error')
    } finally {
      await db.exec(`alter table public.webhook_events_away rename to webhook_events`)
    }
  })
})
