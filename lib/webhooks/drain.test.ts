import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { findBrokenAuditLink } from '@/lib/audit/verify'
import { setDatabase } from '@/lib/db/client'
import { asService } from '@/lib/db/transactions'
import type { Database } from '@/lib/db/types'
import { createTestDatabase, testDatabaseKind } from '@/test/database'
import { insertUsers } from '@/test/fixtures'
import { eventOf, subscriptionObject } from '@/test/stripe-objects'
import { BASE_TIME } from '@/test/webhook-events'
import { claimDueEvents, type Claim } from './claim'
import { groupByOwner } from './drain'
import { EVENT_HANDLERS } from './handlers'
import type { EventHandler } from './handlers/types'
import { processClaimedGroup } from './process'
import { runWebhookRetryJob } from './retry-job'
import { storeEvent } from './store'

const claim = (id: string, owner: string): Claim => ({ id, owner, claimId: `claim_${id}`, attempt: 1 })

describe('grouping a claimed batch', () => {
  it("keeps each owner's events together, in groups of about the size asked", () => {
    const claims = [claim('e1', 'cus_a'), claim('e2', 'cus_b'), claim('e3', 'cus_a'), claim('e4', 'cus_c'), claim('e5', 'cus_d'), claim('e6', 'cus_b')]
    const groups = groupByOwner(claims, 3).map((group) => group.map((each) => each.id))
    expect(groups).toEqual([['e1', 'e3', 'e2', 'e6'], ['e4', 'e5']])
  })

  it('puts an owner with more events than the size in a group of its own', () => {
    const claims = [claim('e1', 'cus_a'), claim('e2', 'cus_big'), claim('e3', 'cus_big'), claim('e4', 'cus_big'), claim('e5', 'cus_c')]
    const groups = groupByOwner(claims, 1).map((group) => group.map((each) => each.id))
    expect(groups).toEqual([['e1'], ['e2', 'e3', 'e4'], ['e5']])
  })
})

describe(`the retry job applying events in groups on ${testDatabaseKind}`, () => {
  let db: Database
  const CUSTOMERS = Array.from({ length: 12 }, (_, index) => `cus_group_${index}`)
  const created = BASE_TIME / 1000

  beforeAll(async () => {
    db = await createTestDatabase()
    setDatabase(db)
    await db.transaction(insertUsers)
  })
  afterAll(() => db.close())

  it("commits each group's events together, and when one fails undoes only its writes: the others are applied and audited once", async () => {
    const events = CUSTOMERS.flatMap((customer) =>
      [1, 2].map((n) => eventOf('customer.subscription.updated', subscriptionObject({ id: `sub_${customer}_${n}`, customer, price: 'price_pro', created }), created)),
    )
    await asService(async (tx) => {
      for (const event of events) await storeEvent(tx, event, new Date(BASE_TIME))
    })
    const poisoned = events[7]!
    const failsAfterWriting: EventHandler = async (tx, event, fetches) => {
      await EVENT_HANDLERS['customer.subscription.updated']!(tx, event, fetches)
      if (event.id === poisoned.id) throw new Error('injected failure after the write')
    }

    const run = await runWebhookRetryJob({ handlers: { 'customer.subscription.updated': failsAfterWriting }, reconcile: false, now: () => new Date(BASE_TIME + 1000) })

    expect(run).toMatchObject({ claimed: 24, processed: 23, failed: 1 })
    const failed = await db.query<{ id: string; last_error: string }>(`select id, last_error from public.webhook_events where status = 'failed'`)
    expect(failed.rows).toEqual([{ id: poisoned.id, last_error: 'injected failure after the write' }])
    const written = await db.query<{ id: string; stripe_customer_id: string; tx: string }>(
      `select id, stripe_customer_id, xmin::text as tx from public.subscriptions order by id`,
    )
    expect(written.rows.map((row) => row.id)).not.toContain((poisoned.data.object as { id: string }).id)
    expect(written.rows).toHaveLength(23)
    // An owner's two subscriptions were written by one transaction, except where a group failed and its events
    // were applied one by one: at most five owners share the poisoned event's group.
    const transactionsOf = (customer: string) => new Set(written.rows.filter((row) => row.stripe_customer_id === customer).map((row) => row.tx))
    expect(CUSTOMERS.filter((customer) => transactionsOf(customer).size === 1).length).toBeGreaterThanOrEqual(CUSTOMERS.length - 5)
    const audited = await db.query<{ n: number }>(`select count(*)::int as n from public.billing_audit_log where subject_type = 'subscription'`)
    expect(audited.rows[0]!.n).toBe(23)
    expect(await asService((tx) => findBrokenAuditLink(tx))).toBeNull()
  })

  it("leaves an event whose claim another worker took to that worker, and applies the rest of the group", async () => {
    await db.exec(`delete from public.webhook_events`)
    const events = ['a', 'b', 'c'].map((n) =>
      eventOf('customer.subscription.updated', subscriptionObject({ id: `sub_lost_${n}`, customer: `cus_lost_${n}`, price: 'price_pro', created }), created),
    )
    await asService(async (tx) => {
      for (const event of events) await storeEvent(tx, event, new Date(BASE_TIME))
    })
    const claims = await asService((tx) => claimDueEvents(tx, 10, new Date(BASE_TIME + 1000)))
    const taken = claims.find((each) => each.id === events[1]!.id)!
    await db.query(`update public.webhook_events set claim_id = gen_random_uuid() where id = $1`, [taken.id])

    const outcomes = await processClaimedGroup(claims)

    expect(Object.fromEntries(claims.map((each, index) => [each.id, outcomes[index]]))).toEqual({
      [events[0]!.id]: 'processed',
      [events[1]!.id]: 'lost_claim',
      [events[2]!.id]: 'processed',
    })
    const left = await db.query<{ status: string }>(`select status from public.webhook_events where id = $1`, [taken.id])
    expect(left.rows).toEqual([{ status: 'processing' }])
    const written = await db.query<{ id: string }>(`select id from public.subscriptions where id like 'sub_lost_%' order by id`)
    expect(written.rows.map((row) => row.id)).toEqual(['sub_lost_a', 'sub_lost_c'])
  })
})
