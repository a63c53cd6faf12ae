import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { setDatabase } from '@/lib/db/client'
import { asService } from '@/lib/db/transactions'
import type { Database } from '@/lib/db/types'
import { renderMetrics } from '@/lib/monitoring/collect'
import { discardDeadEvent, replayDeadEvents } from '@/lib/webhooks/dead-letters'
import type { EventHandler } from '@/lib/webhooks/handlers/types'
import { runWebhookRetryJob } from '@/lib/webhooks/retry-job'
import { storeEvent } from '@/lib/webhooks/store'
import { createTestDatabase, testDatabaseKind } from '@/test/database'
import { ADMIN, ALICE, insertUsers, viewerFor } from '@/test/fixtures'
import { eventOf } from '@/test/stripe-objects'
import { BASE_TIME, storeSubscriptionUpdates } from '@/test/webhook-events'
import { foldCounters } from './counters'

const HOUR = 3_600_000

/** Every sample of every counter and histogram in the exposition, by series. */
async function scrapeCounters(): Promise<Map<string, number>> {
  const { body } = await renderMetrics()
  const counterNames = new Set([...body.matchAll(/^# TYPE (\S+) (counter|histogram)$/gm)].map((match) => match[1]!))
  const series = new Map<string, number>()
  for (const line of body.split('\n')) {
    const match = /^([a-z_]+)(\{[^}]*\})? (\S+)$/.exec(line)
    if (match && [...counterNames].some((name) => match[1]!.startsWith(name))) series.set(`${match[1]}${match[2] ?? ''}`, Number(match[3]))
  }
  return series
}

describe(`metric counters on ${testDatabaseKind}`, () => {
  let db: Database
  const scrapes: Map<string, number>[] = []
  const scrape = async () => {
    const latest = await scrapeCounters()
    scrapes.push(latest)
    return latest
  }

  beforeAll(async () => {
    db = await createTestDatabase()
    setDatabase(db)
    await db.transaction(insertUsers)
  })
  afterAll(() => db.close())

  it('only rise while events move through every status, and count each status entered', async () => {
    const failing: EventHandler = async () => {
      throw new Error('dependency unavailable')
    }
    await storeSubscriptionUpdates(ALICE.customer, 3, 1)
    await asService((tx) => storeEvent(tx, eventOf('test_helpers.test_clock.ready', { id: 'clock_1' }, BASE_TIME / 1000), new Date(BASE_TIME)))
    await scrape()

    // Five failed attempts and a sixth that buries them; the unknown type is ignored on its first attempt.
    for (let run = 0, clock = BASE_TIME; run < 6; run++, clock += 2 * HOUR) {
      await runWebhookRetryJob({ handlers: { 'customer.subscription.updated': failing }, reconcile: false, now: () => new Date(clock) })
      await scrape()
    }
    const dead = (await db.query<{ id: string }>(`select id from public.webhook_events where status = 'dead' order by id`)).rows.map((row) => row.id)
    expect(dead).toHaveLength(3)
    await discardDeadEvent(viewerFor(ADMIN, true), dead[0]!, 'superseded by a later event')
    await scrape()
    await replayDeadEvents(viewerFor(ADMIN, true), { ids: dead.slice(1) })
    await scrape()
    // Folding moves deltas into the totals and changes no figure.
    await Promise.all([asService(foldCounters), asService(foldCounters)])
    const last = await scrape()
    expect(last).toEqual(scrapes.at(-2))
    const unfolded = await db.query<{ n: number }>(
      `select (select count(*) from public.metric_counter_deltas) + (select count(*) from public.webhook_transition_deltas) as n`,
    )
    expect(Number(unfolded.rows[0]!.n)).toBe(0)

    for (let index = 1; index < scrapes.length; index++) {
      for (const [series, value] of scrapes[index - 1]!) expect(scrapes[index]!.get(series), series).toBeGreaterThanOrEqual(value)
    }
    const type = 'customer.subscription.updated'
    expect(Object.fromEntries(['received', 'processing', 'failed', 'dead', 'discarded', 'processed'].map((status) => [status, last.get(`stripe_webhook_events_total{type="${type}",status="${status}"}`)]))).toEqual({
      received: 3,
      processing: 3 * 6 + 2,
      failed: 3 * 5,
      dead: 3,
      discarded: 1,
      processed: 2,
    })
    expect(last.get('stripe_webhook_events_total{type="test_helpers.test_clock.ready",status="ignored"}')).toBe(1)
    expect(last.get('stripe_webhook_processing_attempts_total{outcome="failed"}')).toBe(15)
    expect(last.get('stripe_webhook_processing_attempts_total{outcome="dead"}')).toBe(3)
    expect(last.get('stripe_webhook_processing_attempts_total{outcome="processed"}')).toBe(2)
    // Four of each event's five failures were retries, and so was the attempt that buried it.
    expect(last.get('stripe_webhook_retry_attempts_total{outcome="failed"}')).toBe(12)
    expect(last.get('stripe_webhook_retry_attempts_total{outcome="dead"}')).toBe(3)
    expect(last.get('webhook_processing_latency_seconds_count')).toBe(2)
    expect(last.get('webhook_processing_latency_seconds_bucket{le="+Inf"}')).toBe(2)
  })
})
