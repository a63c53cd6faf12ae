import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { setDatabase } from '@/lib/db/client'
import type { Database } from '@/lib/db/types'
import { setGraceEnforcement } from '@/lib/usage/enforcement-switch'
import { createTestDatabase, testDatabaseKind } from '@/test/database'
import { ALICE, BOB, insertUsers } from '@/test/fixtures'
import { insertPlans, openGrace, subscribeToTeam } from '@/test/usage-fixtures'
import { quotaHeaders } from './answer'
import { consumeQuota } from './consume'
import { consumeQuotaBatch } from './consume-batch'
import { getUsageSummary } from './queries'

const AT = new Date('2026-11-20T12:00:00Z')
let keyCounter = 0
const event = (metric: string, quantity = 1) => ({ metric, quantity, idempotencyKey: `key-${++keyCounter}` })

describe(`usage against quotas, on ${testDatabaseKind}`, () => {
  let db: Database
  let aliceSubscription: string
  beforeAll(async () => {
    db = await createTestDatabase()
    setDatabase(db)
    await db.transaction(async (tx) => {
      await insertUsers(tx)
      await insertPlans(tx)
      aliceSubscription = await subscribeToTeam(tx, ALICE, AT)
    })
  })
  afterAll(() => db.close())
  const resetUsage = () => db.exec(`delete from public.usage_totals; delete from public.usage_records; delete from public.grace_periods; delete from public.app_settings`)

  it('records within the quota and says what is left until the period resets', async () => {
    const answer = await consumeQuota(ALICE.id, event('api_calls', 20), AT)
    expect(answer).toEqual({ metric: 'api_calls', used: 20, limit: 50, remaining: 30, resets_at: '2026-12-15T12:00:00.000Z', warning: null })
    expect(quotaHeaders(answer)).toEqual({ 'x-quota-limit': '50', 'x-quota-remaining': '30', 'x-quota-reset': String(Date.parse('2026-12-15T12:00:00Z') / 1000) })
  })

  it('answers a repeated idempotency key with its first answer and records nothing new', async () => {
    await resetUsage()
    const first = event('api_calls', 7)
    const answer = await consumeQuota(ALICE.id, first, AT)
    expect(await consumeQuota(ALICE.id, first, AT)).toEqual(answer)
    expect((await getUsageSummary(ALICE.id, AT)).metrics.find((metric) => metric.metric === 'api_calls')?.used).toBe(7)
  })

  it('answers a key recorded during grace, in a batch or alone, the same when it is sent again alone', async () => {
    await resetUsage()
    await openGrace(db, ALICE, aliceSubscription, 'open', new Date('2026-11-24T00:00:00Z'))
    const first = event('api_calls', 4)
    const [outcome] = await consumeQuotaBatch(ALICE.id, [first], AT)
    expect(outcome).toMatchObject({ allowed: true, answer: { used: 4, warning: expect.stringMatching(/Pay by 2026-11-24T00:00:00.000Z/) } })
    expect(await consumeQuota(ALICE.id, first, AT)).toEqual(outcome!.answer)
    const alone = event('api_calls', 1)
    const answer = await consumeQuota(ALICE.id, alone, AT)
    expect(answer.warning).toMatch(/Pay by 2026-11-24T00:00:00.000Z/)
    await db.exec(`delete from public.grace_periods`)
    expect(await consumeQuota(ALICE.id, first, AT)).toEqual(outcome!.answer)
    expect(await consumeQuota(ALICE.id, alone, AT)).toEqual(answer)
  })

  it('counts concurrent requests with one idempotency key once, each answered the same', async () => {
    await resetUsage()
    for (let round = 1; round <= 10; round++) {
      const same = event('api_calls', 2)
      const answers = await Promise.all(Array.from({ length: 20 }, () => consumeQuota(ALICE.id, same, AT)))
      for (const answer of answers) expect(answer).toEqual({ ...answers[0], used: 2 * round })
    }
    expect((await db.query(`select used from public.usage_totals where user_id = $1 and metric = 'api_calls'`, [ALICE.id])).rows).toEqual([{ used: 20 }])
  })

  it('lets 100 concurrent requests at the boundary use exactly the quota, never more', async () => {
    await resetUsage()
    const outcomes = await Promise.allSettled(Array.from({ length: 100 }, () => consumeQuota(ALICE.id, event('api_calls'), AT)))
    const refused = outcomes.filter((outcome) => outcome.status === 'rejected').map((outcome) => (outcome as PromiseRejectedResult).reason)
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(50)
    expect(refused).toHaveLength(50)
    expect(refused.every((error) => error.status === 429 && error.code === 'quota_exceeded' && Number(error.headers['retry-after']) > 0)).toBe(true)
    expect((await db.query(`select used from public.usage_totals where user_id = $1 and metric = 'api_calls'`, [ALICE.id])).rows).toEqual([{ used: 50 }])
    expect((await db.query(`select count(*)::int as n from public.usage_records where user_id = $1`, [ALICE.id])).rows).toEqual([{ n: 50 }])
  })

  it('treats a metric without a quota as unlimited and a quota of 0 as nothing', async () => {
    await resetUsage()
    expect((await consumeQuota(ALICE.id, event('storage_gb', 10_000), AT)).limit).toBeNull()
    await consumeQuota(ALICE.id, event('exports', 5), AT)
    await expect(consumeQuota(ALICE.id, event('exports'), AT)).rejects.toMatchObject({ status: 429, headers: { 'x-quota-remaining': '0' } })
  })

  it('bills a customer without a subscription on the free plan, by calendar month', async () => {
    await resetUsage()
    const answer = await consumeQuota(BOB.id, event('api_calls', 100), AT)
    expect(answer).toMatchObject({ limit: 100, remaining: 0, resets_at: '2026-12-01T00:00:00.000Z' })
    await expect(consumeQuota(BOB.id, event('exports'), AT)).rejects.toMatchObject({ status: 429 })
  })

  it('allows with a warning during grace, holds to the free plan after it expires, and restores on payment', async () => {
    await resetUsage()
    await openGrace(db, ALICE, aliceSubscription, 'open', new Date('2026-11-24T00:00:00Z'))
    expect((await consumeQuota(ALICE.id, event('exports'), AT)).warning).toMatch(/Pay by 2026-11-24/)

    await db.query(`update public.grace_periods set status = 'expired', expired_at = ends_at`)
    await expect(consumeQuota(ALICE.id, event('exports'), AT)).rejects.toMatchObject({ status: 402, code: 'payment_required' })
    await expect(consumeQuota(ALICE.id, event('seats'), AT)).rejects.toMatchObject({ status: 402 })
    expect((await consumeQuota(ALICE.id, event('api_calls'), AT)).limit).toBe(100)

    await db.transaction((tx) => setGraceEnforcement(tx, false))
    expect((await consumeQuota(ALICE.id, event('seats'), AT)).limit).toBe(10)
    await db.transaction((tx) => setGraceEnforcement(tx, true))

    await db.query(`update public.grace_periods set status = 'resolved', resolved_at = now()`)
    expect((await consumeQuota(ALICE.id, event('seats'), AT)).limit).toBe(10)
  })

  it('records a batch of 1,000 in order, refusing each event that would pass the quota', async () => {
    await resetUsage()
    const events = Array.from({ length: 1000 }, (_, index) => event(index % 2 ? 'storage_gb' : 'api_calls'))
    const outcomes = await consumeQuotaBatch(ALICE.id, events, AT)
    const allowedCalls = outcomes.filter((outcome, index) => index % 2 === 0 && outcome.allowed)
    expect(allowedCalls).toHaveLength(50)
    expect(outcomes.slice(0, 100).filter((_, index) => index % 2 === 0).every((outcome) => outcome.allowed)).toBe(true)
    expect(outcomes.filter((_, index) => index % 2 === 1).every((outcome) => outcome.allowed)).toBe(true)
    expect(outcomes[998]).toMatchObject({ allowed: false, refusal: { status: 429 } })
  })
})
