import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { clockOffsetMs, now, setClockOffset } from '@/lib/clock'
import { setDatabase } from '@/lib/db/client'
import { loadDemoClockOffset, readDemoClockOffset } from '@/lib/db/clock-offset'
import type { Database } from '@/lib/db/types'
import { createTestDatabase, testDatabaseKind } from '@/test/database'
import { ALICE, insertUsers, viewerFor } from '@/test/fixtures'
import { advanceDemoClock, resetDemoClock } from './clock'

const DAY_MS = 86_400_000

describe(`the demo clock on ${testDatabaseKind}`, () => {
  let db: Database
  beforeAll(async () => {
    db = await createTestDatabase()
    setDatabase(db)
    await db.transaction(insertUsers)
  })
  afterEach(async () => {
    await db.query(`delete from public.app_settings where key = 'demo_clock'`)
    setClockOffset(0)
  })
  afterAll(() => db.close())

  const auditActions = async () =>
    (await db.query<{ action: string; after: { offsetMs: number } }>(`select action, after from public.billing_audit_log where subject_type = 'demo_clock' order by id`)).rows

  it('moves the app clock, the Stripe clocks to the same moment, then the daily jobs, and audits the move', async () => {
    const calls: string[] = []
    let stripeTarget = 0
    const move = await advanceDemoClock(viewerFor(ALICE), 8, {
      enabled: true,
      moveStripeClocks: async (to) => {
        calls.push('stripe')
        stripeTarget = to
      },
      runDailyJobs: async () => {
        calls.push(`jobs at +${Math.round((now().getTime() - Date.now()) / DAY_MS)} days`)
      },
    })
    expect(move.offsetDays).toBe(8)
    expect(calls).toEqual(['stripe', 'jobs at +8 days'])
    expect(Math.abs(stripeTarget * 1000 - (Date.now() + 8 * DAY_MS))).toBeLessThan(5_000)
    expect(await readDemoClockOffset(db)).toBe(8 * DAY_MS)
    await advanceDemoClock(viewerFor(ALICE), 8, { enabled: true })
    expect(clockOffsetMs()).toBe(16 * DAY_MS)
    expect((await auditActions()).map((row) => [row.action, row.after.offsetMs])).toEqual([
      ['demo_clock.advanced', 8 * DAY_MS],
      ['demo_clock.advanced', 16 * DAY_MS],
    ])
  })

  it('refuses outside demo mode and changes nothing', async () => {
    const before = (await auditActions()).length
    await expect(advanceDemoClock(viewerFor(ALICE), 8, { enabled: false })).rejects.toMatchObject({ code: 'demo_only', status: 403 })
    await expect(resetDemoClock(viewerFor(ALICE), { enabled: false })).rejects.toMatchObject({ code: 'demo_only', status: 403 })
    expect(await readDemoClockOffset(db)).toBe(0)
    expect(clockOffsetMs()).toBe(0)
    expect(await auditActions()).toHaveLength(before)
  })

  it('keeps the offset across a restart in demo mode and ignores it with a real Stripe key', async () => {
    await advanceDemoClock(viewerFor(ALICE), 8, { enabled: true })
    setClockOffset(0)
    await loadDemoClockOffset(db, true)
    expect(now().getTime() - Date.now()).toBeGreaterThan(8 * DAY_MS - 1_000)
    await loadDemoClockOffset(db, false)
    expect(clockOffsetMs()).toBe(0)
    expect(Math.abs(now().getTime() - Date.now())).toBeLessThan(1_000)
  })

  it('goes back to real time on reset, audited', async () => {
    await advanceDemoClock(viewerFor(ALICE), 8, { enabled: true })
    const move = await resetDemoClock(viewerFor(ALICE), { enabled: true })
    expect(move.offsetDays).toBe(0)
    expect(clockOffsetMs()).toBe(0)
    expect(await readDemoClockOffset(db)).toBe(0)
    expect((await auditActions()).at(-1)).toMatchObject({ action: 'demo_clock.reset', after: { offsetMs: 0 } })
  })
})
