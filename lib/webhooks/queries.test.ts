import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { setDatabase } from '@/lib/db/client'
import type { Database } from '@/lib/db/types'
import { createTestDatabase, testDatabaseKind } from '@/test/database'
import { ADMIN, ALICE, insertUsers, viewerFor } from '@/test/fixtures'
import { storeSubscriptionUpdates } from '@/test/webhook-events'
import { discardDeadEvent, foldDeadLetterCounts, REPLAY_BATCH, replayDeadEvents } from './dead-letters'
import { getWebhookEvent, listDeadEvents, listDeadEventTypes, listWebhookEvents, webhookFilterSchema } from './queries'

describe(`the admin webhook lists on ${testDatabaseKind}`, () => {
  let db: Database
  const admin = viewerFor(ADMIN, true)
  const filter = (input: Record<string, unknown> = {}) => webhookFilterSchema.parse(input)

  beforeAll(async () => {
    db = await createTestDatabase()
    setDatabase(db)
    await db.transaction(insertUsers)
  })
  beforeEach(async () => {
    await db.exec(`delete from public.webhook_events; delete from public.subscriptions;`)
    await storeSubscriptionUpdates(ALICE.customer, 7, 1)
    // Five die with an error; two were processed 250 ms after they arrived.
    await db.query(`update public.webhook_events set status = 'dead', attempts = 6, last_error = 'boom' where id in (select id from public.webhook_events order by id limit 5)`)
    await db.query(`update public.webhook_events set status = 'processed', attempts = 1, processed_at = received_at + interval '250 milliseconds' where status <> 'dead'`)
  })
  afterAll(() => db.close())

  it('pages the dead-letter queue newest first with payloads, every dead event once and nothing else', async () => {
    const seen: string[] = []
    let after: string | undefined
    for (let pages = 0; pages < 5; pages++) {
      const page = await listDeadEvents(admin, filter({ limit: 2, after }))
      seen.push(...page.rows.map((row) => row.id))
      expect(page.rows.every((row) => row.status === 'dead' && row.lastError === 'boom' && row.attempts === 6)).toBe(true)
      expect(page.rows.every((row) => (row.payload as { id: string }).id === row.id)).toBe(true)
      expect(page.rows.every((row) => row.lastAttemptAt instanceof Date)).toBe(true)
      if (!page.nextCursor) break
      after = page.nextCursor
    }
    const dead = (await db.query<{ id: string }>(`select id from public.webhook_events where status = 'dead' order by received_at desc, id desc`)).rows
    expect(seen).toEqual(dead.map((row) => row.id))
    expect(await listDeadEventTypes(admin)).toEqual([{ type: 'customer.subscription.updated', count: 5 }])
    expect((await listDeadEvents(admin, filter({ type: 'invoice.paid' }))).rows).toEqual([])
  })

  it('keeps the queue’s counts per type as events enter and leave it, before the retry job folds them and after', async () => {
    const direct = async () =>
      (await db.query<{ type: string; count: number }>(`select type, count(*)::int as count from public.webhook_events where status = 'dead' group by type order by type`)).rows
    const [first] = (await listDeadEvents(admin, filter({ limit: 1 }))).rows
    await discardDeadEvent(admin, first!.id, 'sent twice by mistake')
    await db.query(`update public.webhook_events set status = 'dead' where id = (select id from public.webhook_events where status = 'processed' order by id limit 1)`)
    await db.query(`update public.webhook_events set type = 'invoice.paid' where id = (select id from public.webhook_events where status = 'dead' order by id limit 1)`)
    const expected = [{ type: 'customer.subscription.updated', count: 4 }, { type: 'invoice.paid', count: 1 }]
    expect(await direct()).toEqual(expected)
    expect(await listDeadEventTypes(admin)).toEqual(expected)
    expect(await db.transaction(foldDeadLetterCounts)).toBeGreaterThan(0)
    expect(await listDeadEventTypes(admin)).toEqual(expected)
    await db.exec(`delete from public.webhook_events where status = 'dead'`)
    expect(await listDeadEventTypes(admin)).toEqual([])
  })

  it('lists the stream by status with the processing latency of each processed event', async () => {
    const processed = await listWebhookEvents(admin, filter({ status: 'processed' }))
    expect(processed.rows.map((row) => row.latencyMs)).toEqual([250, 250])
    expect((await listWebhookEvents(admin, filter({}))).rows).toHaveLength(7)
    expect(filter({ status: 'nonsense', after: 'bad', limit: 'x' })).toEqual({ limit: 50 })
  })

  it('looks up one event by id, and finds nothing for an id never stored', async () => {
    const { id } = (await listWebhookEvents(admin, filter({ status: 'processed', limit: 1 }))).rows[0]!
    expect(await getWebhookEvent(admin, id)).toMatchObject({ id, status: 'processed', attempts: 1, latencyMs: 250 })
    expect(await getWebhookEvent(admin, 'evt_never_delivered')).toBeNull()
    await expect(getWebhookEvent(viewerFor(ALICE), id)).rejects.toMatchObject({ status: 404, code: 'no_such_route' })
  })

  it('refuses the lists to a non-admin', async () => {
    await expect(listDeadEvents(viewerFor(ALICE), filter())).rejects.toMatchObject({ status: 404, code: 'no_such_route' })
    await expect(listWebhookEvents(viewerFor(ALICE), filter())).rejects.toMatchObject({ status: 404 })
  })

  it('replays all dead events of a type in short transactions, one audit batch each, not one long one', async () => {
    await db.exec(`delete from public.webhook_events; delete from public.subscriptions;`)
    const count = REPLAY_BATCH * 2 + 7
    await storeSubscriptionUpdates(ALICE.customer, count, 1)
    await db.query(`update public.webhook_events set status = 'dead', attempts = 6`)
    const results = await replayDeadEvents(admin, { type: 'customer.subscription.updated' })
    expect(results.filter((result) => result.outcome === 'processed')).toHaveLength(count)
    const audit = await db.query<{ rows: number; transactions: number }>(
      `select count(*)::int as rows, count(distinct xmin::text)::int as transactions from public.billing_audit_log where action = 'webhook.replayed'`,
    )
    expect(audit.rows[0]).toEqual({ rows: count, transactions: 3 })
  })
})
