import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { setDatabase } from '@/lib/db/client'
import { asService } from '@/lib/db/transactions'
import type { Database } from '@/lib/db/types'
import { createTestDatabase, testDatabaseKind } from '@/test/database'
import { ALICE, ADMIN, insertUsers, viewerFor } from '@/test/fixtures'
import { BASE_TIME, seededRandom, storeSubscriptionUpdates } from '@/test/webhook-events'
import { claimDueEvents, LEASE_MS } from './claim'
import { replayDeadEvents } from './dead-letters'
import { EVENT_HANDLERS } from './handlers'
import type { EventHandler } from './handlers/types'
import { processClaimedEvent } from './process'
import { runWebhookRetryJob } from './retry-job'

const realUpdate = EVENT_HANDLERS['customer.subscription.updated']!
const HOUR = 3_600_000

describe(`webhook retry job on ${testDatabaseKind}`, () => {
  let db: Database
  const statusCounts = async () =>
    Object.fromEntries((await db.query<{ status: string; n: number }>(`select status, count(*)::int as n from public.webhook_events group by status`)).rows.map((row) => [row.status, row.n]))

  beforeAll(async () => {
    db = await createTestDatabase()
    setDatabase(db)
    await db.transaction(insertUsers)
  })
  beforeEach(async () => {
    await db.exec(`delete from public.webhook_events; delete from public.subscriptions; delete from public.cron_runs;`)
  })
  afterAll(() => db.close())

  it('loses nothing when 30% of attempts fail: every event ends processed or dead, and replay finishes the dead', async () => {
    const events = await storeSubscriptionUpdates(ALICE.customer, 200, 5)
    expect(events).toHaveLength(1000)
    const random = seededRandom(42)
    const poison = new Set(events.slice(0, 3).map((event) => event.id))
    const flaky: EventHandler = async (tx, event, fetches) => {
      if (poison.has(event.id) || random() < 0.3) throw new Error('injected failure')
      await realUpdate(tx, event, fetches)
    }
    let clock = BASE_TIME
    for (let run = 0; run < 12; run++) {
      await runWebhookRetryJob({ handlers: { 'customer.subscription.updated': flaky }, reconcile: false, now: () => new Date(clock), batchSize: 200 })
      clock += 2 * HOUR // past the longest backoff
    }
    const counts = await statusCounts()
    expect((counts.processed ?? 0) + (counts.dead ?? 0)).toBe(1000)
    expect(counts.dead).toBeGreaterThanOrEqual(3)
    const dead = (await db.query<{ id: string; attempts: number }>(`select id, attempts from public.webhook_events where status = 'dead'`)).rows
    expect(dead.every((row) => row.attempts === 6)).toBe(true)
    for (const id of poison) expect(dead.map((row) => row.id)).toContain(id)

    const replayed = await replayDeadEvents(viewerFor(ADMIN, true), { ids: dead.map((row) => row.id) })
    expect(replayed.every((result) => result.outcome === 'processed')).toBe(true)
    expect(await statusCounts()).toEqual({ processed: 1000 })
    // Each subscription holds the state of its newest event, whatever order the retries applied them in.
    const { rows } = await db.query<{ price_id: string; cancel_at_period_end: boolean }>(`select distinct price_id, cancel_at_period_end from public.subscriptions`)
    expect(rows).toEqual([{ price_id: 'price_step_4', cancel_at_period_end: false }])
    const runs = await db.query<{ status: string }>(`select status from public.cron_runs where job = 'webhook-retry'`)
    expect(runs.rows).toHaveLength(12)
    expect(runs.rows.every((run) => run.status === 'succeeded')).toBe(true)
  }, 120_000)

  it('processes each event exactly once when four retry jobs run at the same time', async () => {
    await storeSubscriptionUpdates(ALICE.customer, 50, 4)
    const applied = new Map<string, number>()
    const counting: EventHandler = async (tx, event, fetches) => {
      await realUpdate(tx, event, fetches)
      applied.set(event.id, (applied.get(event.id) ?? 0) + 1)
    }
    const results = await Promise.all(
      Array.from({ length: 4 }, () =>
        runWebhookRetryJob({ handlers: { 'customer.subscription.updated': counting }, reconcile: false, now: () => new Date(BASE_TIME + 1000), batchSize: 10 }),
      ),
    )
    expect(results.reduce((sum, run) => sum + run.processed, 0)).toBe(200)
    expect(applied.size).toBe(200)
    expect([...applied.values()].every((times) => times === 1)).toBe(true)
    expect(await statusCounts()).toEqual({ processed: 200 })
  })

  it('outlasts a 45-minute outage of the handlers: nothing dead, every event applied exactly once after recovery', async () => {
    const events = await storeSubscriptionUpdates(ALICE.customer, 20, 2)
    const recoversAt = BASE_TIME + 45 * 60_000
    let clock = BASE_TIME
    const applied = new Map<string, number>()
    const outage: EventHandler = async (tx, event, fetches) => {
      if (clock < recoversAt) throw new Error('dependency unavailable')
      await realUpdate(tx, event, fetches)
      applied.set(event.id, (applied.get(event.id) ?? 0) + 1)
    }
    // The retry job runs every 5 minutes, as scheduled, for two hours.
    for (; clock <= BASE_TIME + 2 * HOUR; clock += 5 * 60_000) {
      await runWebhookRetryJob({ handlers: { 'customer.subscription.updated': outage }, reconcile: false, now: () => new Date(clock) })
      if (clock < recoversAt) expect((await statusCounts()).dead).toBeUndefined()
    }
    expect(await statusCounts()).toEqual({ processed: events.length })
    expect(applied.size).toBe(events.length)
    expect([...applied.values()].every((times) => times === 1)).toBe(true)
  })

  it('gives each event a release killed one more attempt under the next release, once, audited', async () => {
    await storeSubscriptionUpdates(ALICE.customer, 4, 1)
    await db.query(`update public.webhook_events set status = 'dead', attempts = 6, next_attempt_at = null, dead_release = 'release-1'`)
    await db.query(`update public.webhook_events set dead_release = null where id = (select min(id) from public.webhook_events)`)
    const stillBroken = (await db.query<{ id: string }>(`select max(id) as id from public.webhook_events`)).rows[0]!.id
    const fixedInRelease2: EventHandler = async (tx, event, fetches) => {
      if (event.id === stillBroken) throw new Error('still broken')
      await realUpdate(tx, event, fetches)
    }
    const run = (release: string, releaseRetry = true) =>
      runWebhookRetryJob({ handlers: { 'customer.subscription.updated': fixedInRelease2 }, reconcile: false, release, releaseRetry, now: () => new Date(BASE_TIME + 1000) })

    expect(await run('release-1')).toMatchObject({ releaseRetried: 1, processed: 1 }) // only the one of unknown release
    expect(await run('release-2', false)).toMatchObject({ releaseRetried: 0 })
    expect(await run('release-2')).toMatchObject({ releaseRetried: 3, processed: 2, dead: 1 })
    expect(await run('release-2')).toMatchObject({ releaseRetried: 0 })
    expect(await statusCounts()).toEqual({ processed: 3, dead: 1 })
    const { rows } = await db.query<{ dead_release: string }>(`select dead_release from public.webhook_events where status = 'dead'`)
    expect(rows).toEqual([{ dead_release: 'release-2' }])
    const audited = await db.query<{ n: number }>(`select count(*)::int as n from public.billing_audit_log where action = 'webhook.release_retried'`)
    expect(audited.rows[0]!.n).toBe(4)
  })

  it("reclaims an event whose worker died mid-processing once its lease has run out, and ignores the dead worker's claim", async () => {
    await storeSubscriptionUpdates(ALICE.customer, 1, 1)
    const claimedAt = BASE_TIME + 1000
    const [abandoned] = await asService((tx) => claimDueEvents(tx, 10, new Date(claimedAt)))
    expect(abandoned).toBeDefined()

    const early = await runWebhookRetryJob({ reconcile: false, now: () => new Date(claimedAt + LEASE_MS - 1000) })
    expect(early.claimed).toBe(0)
    const late = await runWebhookRetryJob({ reconcile: false, now: () => new Date(claimedAt + LEASE_MS + 1000) })
    expect(late).toMatchObject({ claimed: 1, processed: 1 })
    expect(await processClaimedEvent(abandoned!)).toBe('lost_claim')
    const { rows } = await db.query<{ status: string; attempts: number }>(`select status, attempts from public.webhook_events`)
    expect(rows).toEqual([{ status: 'processed', attempts: 2 }])
  })

  it('dead-letters an event whose worker died on its last attempt instead of retrying it forever', async () => {
    await storeSubscriptionUpdates(ALICE.customer, 1, 1)
    const claimedAt = BASE_TIME + 1000
    await db.query(`update public.webhook_events set attempts = 5`)
    const [abandoned] = await asService((tx) => claimDueEvents(tx, 10, new Date(claimedAt)))
    expect(abandoned?.attempt).toBe(6)
    const run = await runWebhookRetryJob({ reconcile: false, now: () => new Date(claimedAt + LEASE_MS + 1000) })
    expect(run).toMatchObject({ claimed: 0, dead: 1 })
    expect((await db.query(`select status from public.webhook_events`)).rows).toEqual([{ status: 'dead' }])
  })
})
