import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { setDatabase } from '@/lib/db/client'
import type { Database } from '@/lib/db/types'
import { createTestDatabase, testDatabaseKind } from '@/test/database'
import { ADMIN, ALICE, BOB, insertUsers, viewerFor } from '@/test/fixtures'
import { listGracePeriodsForAdmin } from './grace-periods'

describe(`the admin list of grace periods on ${testDatabaseKind}`, () => {
  let db: Database
  const admin = viewerFor(ADMIN, true)

  beforeAll(async () => {
    db = await createTestDatabase()
    setDatabase(db)
    await db.transaction(insertUsers)
    await db.query(
      `insert into public.grace_periods (user_id, subscription_id, invoice_id, status, started_at, ends_at, amount_due, currency)
       values ($1, 'sub_a', 'in_a', 'open', now() - interval '2 days', now() + interval '5 days', 1900, 'usd'),
              ($2, 'sub_b', 'in_b', 'expired', now() - interval '9 days', now() - interval '2 days', 4900, 'usd'),
              ($2, 'sub_c', 'in_c', 'resolved', now() - interval '30 days', now() - interval '23 days', 900, 'usd')`,
      [ALICE.id, BOB.id],
    )
  })
  afterAll(() => db.close())

  it('counts what bears on access now and lists the periods of the status asked for, with whose they are', async () => {
    const open = await listGracePeriodsForAdmin(admin, 'open', 50)
    expect(open.counts).toEqual({ open: 1, expired: 1 })
    expect(open.enforcement).toEqual({ on: true, source: 'environment' })
    expect(open.periods.map((period) => [period.subscriptionId, period.email, period.amountDue])).toEqual([['sub_a', ALICE.email, 1900]])
    const expired = await listGracePeriodsForAdmin(admin, 'expired', 50)
    expect(expired.periods.map((period) => [period.subscriptionId, period.status, period.email])).toEqual([['sub_b', 'expired', BOB.email]])
  })

  it('is refused to a customer', async () => {
    await expect(listGracePeriodsForAdmin(viewerFor(ALICE), 'open', 50)).rejects.toMatchObject({ status: 404, code: 'no_such_route' })
  })
})
