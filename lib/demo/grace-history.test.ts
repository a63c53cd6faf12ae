import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { setDatabase } from '@/lib/db/client'
import type { Database } from '@/lib/db/types'
import { getGraceRecoverySummary, listGraceOutcomesByWeek, listOpenGracePeriodsPerDay } from '@/lib/grace/analytics'
import { parseGraceRange } from '@/lib/grace/analytics-range'
import { createTestDatabase, testDatabaseKind } from '@/test/database'
import { seedDemoGraceHistory } from './grace-history'

describe(`the demo's grace history on ${testDatabaseKind}`, () => {
  let db: Database
  beforeAll(async () => {
    db = await createTestDatabase()
    setDatabase(db)
  })
  afterAll(() => db.close())

  it('gives the analytics page every outcome to chart over its default range, once however often it is seeded', async () => {
    await seedDemoGraceHistory()
    await seedDemoGraceHistory()
    const range = parseGraceRange({}, new Date())
    const summary = await getGraceRecoverySummary(db, range)
    expect(summary).toMatchObject({ opened: 40, ended: 40 })
    expect(summary.recoveryRate).toBeGreaterThan(0.5)
    expect(summary.recoveryRate).toBeLessThan(1)

    const weeks = await listGraceOutcomesByWeek(db, range)
    const total = (key: 'recovered' | 'expired' | 'canceled' | 'stillOpen') => weeks.reduce((sum, week) => sum + week[key], 0)
    expect({ recovered: total('recovered') > 0, expired: total('expired') > 0, canceled: total('canceled') > 0, stillOpen: total('stillOpen') }).toEqual({
      recovered: true,
      expired: true,
      canceled: true,
      stillOpen: 0,
    })
    const days = await listOpenGracePeriodsPerDay(db, range)
    expect(Math.max(...days.map((day) => day.open))).toBeGreaterThan(0)
    // Nothing is left open today: the demo's history never holds a live customer.
    expect(days.at(-1)!.open).toBe(0)
  })
})
