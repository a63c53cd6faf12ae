import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { setDatabase } from '@/lib/db/client'
import type { Database } from '@/lib/db/types'
import { createTestDatabase, testDatabaseKind } from '@/test/database'
import { ADMIN, ALICE, insertUsers, viewerFor } from '@/test/fixtures'
import { storeSubscriptionUpdates } from '@/test/webhook-events'
import { discardDeadEvent, replayDeadEvents } from './dead-letters'

describe(`dead-letter queue operations on ${testDatabaseKind}`, () => {
  let db: Database
  const admin = viewerFor(ADMIN, true)
  const statuses = async () => (await db.query<{ id: string; status: string }>(`select id, status from public.webhook_events order by id`)).rows

  beforeAll(async () => {
    db = await createTestDatabase()
    setDatabase(db)
    await db.transaction(insertUsers)
  })
  beforeEach(async () => {
    await db.exec(`delete from public.webhook_events; delete from public.subscriptions;`)
    await storeSubscriptionUpdates(ALICE.customer, 3, 1)
    await db.query(`update public.webhook_events set status = 'dead', attempts = 6, last_error = 'boom'`)
  })
  afterAll(() => db.close())

  it('replays dead events by type, applying them and auditing who replayed each', async () => {
    const results = await replayDeadEvents(admin, { type: 'customer.subscription.updated' })
    expect(results.map((result) => result.outcome)).toEqual(['processed', 'processed', 'processed'])
    expect((await statuses()).every((row) => row.status === 'processed')).toBe(true)
    expect((await db.query(`select count(*)::int as n from public.subscriptions`)).rows[0]).toEqual({ n: 3 })
    const audit = await db.query(`select actor_type, actor_id from public.billing_audit_log where action = 'webhook.replayed'`)
    expect(audit.rows).toEqual(Array(3).fill({ actor_type: 'admin', actor_id: ADMIN.id }))
  })

  it('replays only the listed ids and says which were not dead', async () => {
    const [first] = await statuses()
    const results = await replayDeadEvents(admin, { ids: [first!.id, 'evt_unknown'] })
    expect(results).toEqual([
      { eventId: first!.id, outcome: 'processed' },
      { eventId: 'evt_unknown', outcome: 'not_dead' },
    ])
    expect((await statuses()).filter((row) => row.status === 'dead')).toHaveLength(2)
  })

  it('discards a dead event with its reason on the audit log, and refuses one that is not dead', async () => {
    const [first] = await statuses()
    await discardDeadEvent(admin, first!.id, 'customer deleted in Stripe by hand')
    expect((await statuses())[0]).toEqual({ id: first!.id, status: 'discarded' })
    const audit = await db.query(`select context ->> 'reason' as reason from public.billing_audit_log where action = 'webhook.discarded'`)
    expect(audit.rows).toEqual([{ reason: 'customer deleted in Stripe by hand' }])
    await expect(discardDeadEvent(admin, first!.id, 'again')).rejects.toMatchObject({ status: 409, code: 'not_dead' })
  })

  it('refuses every operation to a non-admin', async () => {
    await expect(replayDeadEvents(viewerFor(ALICE), { type: 'customer.subscription.updated' })).rejects.toMatchObject({ status: 404, code: 'no_such_route' })
    await expect(discardDeadEvent(viewerFor(ALICE), 'evt_x', 'reason')).rejects.toMatchObject({ status: 404, code: 'no_such_route' })
    expect((await statuses()).every((row) => row.status === 'dead')).toBe(true)
  })
})
