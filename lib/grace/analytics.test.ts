import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '@/lib/db/types'
import { createTestDatabase, testDatabaseKind } from '@/test/database'
import { foldGracePeriodDays, getGraceRecoverySummary, listGraceOutcomesByWeek, listOpenGracePeriodsPerDay, listRevenueAtRisk } from './analytics'
import { parseGraceRange } from './analytics-range'

const DAY = 86_400
const at = (iso: string) => new Date(`${iso}Z`)

// A known history: the comments give when each period opened and how it ended (times UTC).
const PERIODS = [
  { id: 'a', started: '2026-10-30T10:00', status: 'resolved', resolved: '2026-11-02T10:00' },
  { id: 'b', started: '2026-11-02T12:00', status: 'resolved', resolved: '2026-11-03T12:00' }, // recovered in 1 day
  { id: 'c', started: '2026-11-03T08:00', status: 'expired', expired: '2026-11-10T08:00' },
  { id: 'd', started: '2026-11-04T00:00', status: 'resolved', resolved: '2026-11-07T00:00' }, // 3 days
  { id: 'i', started: '2026-11-05T00:00', status: 'resolved', expired: '2026-11-12T00:00', resolved: '2026-11-13T00:00' }, // paid after expiry: 8 days
  { id: 'e', started: '2026-11-10T09:00', status: 'open', invoice: { currency: 'usd', remaining: 2500 } },
  { id: 'f', started: '2026-11-11T09:00', status: 'canceled', canceled: '2026-11-12T09:00' },
  { id: 'g', started: '2026-11-12T00:00', status: 'open', invoice: { currency: 'usd', remaining: 1500 } },
  { id: 'h', started: '2026-09-01T00:00', status: 'open', amountDue: 900, currency: 'eur' }, // no invoice mirrored
] as const

describe(`grace analytics on ${testDatabaseKind}`, () => {
  let db: Database
  const range = { from: '2026-11-01', to: '2026-11-14' }

  beforeAll(async () => {
    db = await createTestDatabase()
    await db.transaction(async (tx) => {
      for (const period of PERIODS) {
        const invoiceId = 'invoice' in period ? `in_${period.id}` : null
        if ('invoice' in period) {
          await tx.query(
            `insert into public.invoices (id, stripe_customer_id, status, currency, amount_due, amount_remaining, stripe_created_at)
             values ($1, 'cus_x', 'open', $2, $3, $3, $4)`,
            [invoiceId, period.invoice.currency, period.invoice.remaining, at(period.started)],
          )
        }
        const resolved = 'resolved' in period ? at(period.resolved) : null
        const expired = 'expired' in period ? at(period.expired) : null
        const closed = resolved ?? ('canceled' in period ? at(period.canceled) : expired)
        await tx.query(
          `insert into public.grace_periods (subscription_id, invoice_id, status, started_at, ends_at, resolved_at, expired_at, closed_at, amount_due, currency)
           values ($1, $2, $3, $4, $4::timestamptz + interval '7 days', $5, $6, $7, $8, $9)`,
          [`sub_${period.id}`, invoiceId, period.status, at(period.started), resolved, expired, closed, 'amountDue' in period ? period.amountDue : null, 'currency' in period ? period.currency : null],
        )
      }
    })
  })
  afterAll(() => db.close())

  it('counts the periods open at the end of each day, an expired period no longer open once it expired', async () => {
    const days = await listOpenGracePeriodsPerDay(db, range)
    expect(days.map((day) => day.day)).toEqual(Array.from({ length: 14 }, (_, index) => `2026-11-${String(index + 1).padStart(2, '0')}`))
    expect(days.map((day) => day.open)).toEqual([2, 2, 2, 3, 4, 4, 3, 3, 3, 3, 4, 3, 3, 3])
  })

  it('keeps the same figures once the per-day counts are folded, and follows later transitions', async () => {
    const before = await listOpenGracePeriodsPerDay(db, range)
    await db.transaction(foldGracePeriodDays)
    expect((await db.query<{ n: number }>(`select count(*)::int as n from public.grace_period_day_deltas`)).rows[0]!.n).toBe(0)
    expect(await listOpenGracePeriodsPerDay(db, range)).toEqual(before)
    // Period g (open since the 12th) is paid on the 13th: open from the 13th on drops by one.
    await db.query(`update public.grace_periods set status = 'resolved', resolved_at = $1, closed_at = $1 where subscription_id = 'sub_g'`, [at('2026-11-13T06:00')])
    expect((await listOpenGracePeriodsPerDay(db, range)).map((day) => day.open)).toEqual([2, 2, 2, 3, 4, 4, 3, 3, 3, 3, 4, 3, 2, 2])
    await db.query(`update public.grace_periods set status = 'open', resolved_at = null, closed_at = null where subscription_id = 'sub_g'`)
    expect(await listOpenGracePeriodsPerDay(db, range)).toEqual(before)
  })

  it('groups outcomes by the week the periods opened, every week of the range present', async () => {
    expect(await listGraceOutcomesByWeek(db, range)).toEqual([
      { week: '2026-10-26', opened: 0, recovered: 0, expired: 0, canceled: 0, stillOpen: 0 },
      { week: '2026-11-02', opened: 4, recovered: 3, expired: 1, canceled: 0, stillOpen: 0 },
      { week: '2026-11-09', opened: 3, recovered: 0, expired: 0, canceled: 1, stillOpen: 2 },
    ])
  })

  it('gives the recovery rate of ended periods and the median time to recover', async () => {
    expect(await getGraceRecoverySummary(db, range)).toEqual({ opened: 7, ended: 5, recovered: 3, recoveryRate: 0.6, medianSecondsToRecover: 3 * DAY })
    const empty = await getGraceRecoverySummary(db, { from: '2025-01-01', to: '2025-01-31' })
    expect(empty).toEqual({ opened: 0, ended: 0, recovered: 0, recoveryRate: null, medianSecondsToRecover: null })
  })

  it("sums what the open periods' invoices still ask for, per currency", async () => {
    expect(await listRevenueAtRisk(db)).toEqual([
      { currency: 'eur', amountDue: 900, openPeriods: 1 },
      { currency: 'usd', amountDue: 4000, openPeriods: 2 },
    ])
  })

  it("follows a partial payment of an open period's invoice, and an invoice stored after its period opened", async () => {
    await db.query(`update public.invoices set amount_remaining = 1000 where id = 'in_e'`)
    await db.query(`update public.grace_periods set invoice_id = 'in_h' where subscription_id = 'sub_h'`)
    await db.query(
      `insert into public.invoices (id, stripe_customer_id, status, currency, amount_due, amount_remaining, stripe_created_at)
       values ('in_h', 'cus_x', 'open', 'eur', 900, 400, now())`,
    )
    expect(await listRevenueAtRisk(db)).toEqual([
      { currency: 'eur', amountDue: 400, openPeriods: 1 },
      { currency: 'usd', amountDue: 2500, openPeriods: 2 },
    ])
  })
})

describe('the grace analytics date range', () => {
  const today = new Date('2026-11-26T15:00:00Z')
  it('defaults to the 90 days up to today and keeps a valid range from the URL', () => {
    expect(parseGraceRange({}, today)).toEqual({ from: '2026-08-29', to: '2026-11-26' })
    expect(parseGraceRange({ from: '2026-11-01', to: '2026-11-14' }, today)).toEqual({ from: '2026-11-01', to: '2026-11-14' })
  })
  it('repairs a reversed, malformed or over-long range', () => {
    expect(parseGraceRange({ from: '2026-12-01', to: '2026-11-14' }, today)).toEqual({ from: '2026-11-14', to: '2026-11-14' })
    expect(parseGraceRange({ from: 'yesterday', to: '2026-11-14' }, today)).toEqual({ from: '2026-08-17', to: '2026-11-14' })
    expect(parseGraceRange({ from: '2020-01-01', to: '2026-11-14' }, today).from).toBe('2025-11-14')
  })
})
