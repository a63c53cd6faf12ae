import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { setDatabase } from '@/lib/db/client'
import type { Database } from '@/lib/db/types'
import { createTestDatabase, openBareDatabase, testDatabaseKind } from '@/test/database'
import { ALICE, BOB, insertUsers } from '@/test/fixtures'
import { applyMigrations, runBootstrap } from '@/test/partial-migrations'
import { insertPlans, subscribeToTeam } from '@/test/usage-fixtures'
import { consumeQuota } from './consume'
import { getEntitlement } from './entitlement'

const AT = new Date('2026-11-20T12:00:00Z')
const ENTITLEMENT_MIGRATION = '20261127090000'

describe(`what a customer may use (public.usage_entitlement), on ${testDatabaseKind}`, () => {
  let db: Database
  beforeAll(async () => {
    db = await createTestDatabase()
    await db.transaction(async (tx) => {
      await insertUsers(tx)
      await insertPlans(tx)
      await subscribeToTeam(tx, ALICE, AT)
    })
  })
  afterAll(() => db.close())

  it("counts a paid plan's usage over its subscription's current period", async () => {
    const { period, planName, quotas, unlistedLimit } = await getEntitlement(db, ALICE.id, AT)
    expect(period).toEqual({ start: new Date('2026-11-15T12:00:00Z'), end: new Date('2026-12-15T12:00:00Z') })
    expect({ planName, quotas, unlistedLimit }).toEqual({ planName: 'team', quotas: { api_calls: 50, exports: 5, seats: 10 }, unlistedLimit: null })
  })

  it('counts by calendar month (UTC) on the free plan and once a period ended without renewal', async () => {
    expect((await getEntitlement(db, BOB.id, AT)).period).toEqual({ start: new Date('2026-11-01T00:00:00Z'), end: new Date('2026-12-01T00:00:00Z') })
    const afterPeriod = new Date('2026-12-31T23:59:59Z')
    expect((await getEntitlement(db, ALICE.id, afterPeriod)).period).toEqual({ start: new Date('2026-12-01T00:00:00Z'), end: new Date('2027-01-01T00:00:00Z') })
  })

  it('keeps UTC months whatever time zone the session runs in', async () => {
    await db.transaction(async (tx) => {
      await tx.query(`set local time zone 'America/New_York'`)
      expect((await getEntitlement(tx, BOB.id, new Date('2026-11-01T02:00:00Z'))).period).toEqual({ start: new Date('2026-11-01T00:00:00Z'), end: new Date('2026-12-01T00:00:00Z') })
    })
  })

  it('reads as quotas only whole numbers in quota_<metric> metadata', async () => {
    const { rows } = await db.query<{ quotas: Record<string, number> }>(
      `select public.plan_quotas('{"quota_api_calls": "10000", "quota_exports": "0", "quota_seats": "1.5", "quota_storage": "-1", "quota_": "3", "tier": "2", "quota_bulk": "999999999999999"}'::jsonb) as quotas`,
    )
    expect(rows[0]!.quotas).toEqual({ api_calls: 10000, exports: 0, bulk: 999999999999999 })
  })
})

describe(`usage answers recorded before the entitlement moved into the database, on ${testDatabaseKind}`, () => {
  let db: Database
  beforeAll(async () => {
    db = await openBareDatabase()
    await runBootstrap(db)
    await applyMigrations(db, { until: ENTITLEMENT_MIGRATION })
    await db.transaction(async (tx) => {
      await insertUsers(tx)
      await insertPlans(tx)
      await subscribeToTeam(tx, ALICE, AT)
      await tx.query(
        `insert into public.usage_records (user_id, metric, period_start, quantity, idempotency_key, recorded_at, answer)
         values ($1, 'api_calls', '2026-11-15T12:00:00Z', 7, 'before-1', $2, $3), ($1, 'api_calls', '2026-11-15T12:00:00Z', 1, 'before-2', $2, $4)`,
        [ALICE.id, AT,
          { metric: 'api_calls', used: 7, limit: 50, remaining: 43, resets_at: '2026-12-15T12:00:00.000Z', warning: null },
          { metric: 'api_calls', used: 8, limit: 50, remaining: 42, resets_at: '2026-12-15T12:00:00.000Z', warning: 'Your last payment failed. Pay by 2026-11-24T00:00:00.000Z to keep your plan.' }],
      )
    })
    await applyMigrations(db, { from: ENTITLEMENT_MIGRATION })
    setDatabase(db)
  })
  afterAll(() => db.close())

  it('answers their repeated keys exactly as the first time', async () => {
    expect(await consumeQuota(ALICE.id, { metric: 'api_calls', quantity: 7, idempotencyKey: 'before-1' }, AT)).toEqual({
      metric: 'api_calls', used: 7, limit: 50, remaining: 43, resets_at: '2026-12-15T12:00:00.000Z', warning: null,
    })
    expect(await consumeQuota(ALICE.id, { metric: 'api_calls', quantity: 1, idempotencyKey: 'before-2' }, AT)).toEqual({
      metric: 'api_calls', used: 8, limit: 50, remaining: 42, resets_at: '2026-12-15T12:00:00.000Z', warning: 'Your last payment failed. Pay by 2026-11-24T00:00:00.000Z to keep your plan.',
    })
  })
})
