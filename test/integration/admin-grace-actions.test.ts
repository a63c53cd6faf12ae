import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { endGracePeriod, extendGracePeriod, previewGraceExtension } from '@/lib/admin/grace-actions'
import { setDatabase } from '@/lib/db/client'
import type { Database } from '@/lib/db/types'
import { getGraceBanner } from '@/lib/grace/banner'
import { expireOverdueGracePeriods } from '@/lib/grace/expire'
import { queueDueReminders } from '@/lib/grace/reminders'
import { createTestDatabase, testDatabaseKind } from '@/test/database'
import { ADMIN, ALICE, BOB, insertUsers, SUPPORT, viewerFor } from '@/test/fixtures'

const DAY_MS = 86_400_000
const admin = viewerFor(ADMIN, 'admin')

describe(`extending and ending grace periods from the admin console, on ${testDatabaseKind}`, () => {
  let db: Database
  const start = new Date(Date.now() - 2 * DAY_MS)
  const deadline = new Date(start.getTime() + 7 * DAY_MS)
  async function insertPeriod(user: typeof ALICE, suffix: string, status = 'open'): Promise<string> {
    const { rows } = await db.query<{ id: string }>(
      `insert into public.grace_periods (user_id, subscription_id, invoice_id, status, started_at, ends_at, amount_due, currency)
       values ($1, $2, $3, $4, $5, $6, 1900, 'usd') returning id`,
      [user.id, `sub_${suffix}`, `in_${suffix}`, status, start, deadline],
    )
    return rows[0]!.id
  }
  const auditOf = async (id: string) =>
    (await db.query<{ action: string; before: unknown; after: unknown }>(`select action, before, after from public.billing_audit_log where subject_id = $1 and actor_type = 'admin' order by id`, [id])).rows

  beforeAll(async () => {
    db = await createTestDatabase()
    setDatabase(db)
    await db.transaction(insertUsers)
  })
  afterAll(() => db.close())

  it("moves an open period's deadline once per confirmation, and the banner, expiry and reminders follow it", async () => {
    const id = await insertPeriod(ALICE, 'extend')
    const extendedTo = new Date(deadline.getTime() + 5 * DAY_MS)
    expect(await previewGraceExtension(viewerFor(SUPPORT, 'support'), ALICE.id, { gracePeriodId: id, days: 5 })).toMatchObject({ status: 'open', endsAt: deadline, endsAtAfter: extendedTo })
    const input = { gracePeriodId: id, days: 5, reason: 'Waiting for their finance team', idempotencyKey: randomUUID() }
    await Promise.all([extendGracePeriod(admin, ALICE.id, input), extendGracePeriod(admin, ALICE.id, input)])
    await extendGracePeriod(admin, ALICE.id, input)
    expect((await getGraceBanner(viewerFor(ALICE)))?.endsAt).toEqual(extendedTo)
    expect(await auditOf(id)).toEqual([
      { action: 'grace_period.extended', before: { status: 'open', endsAt: deadline.toISOString(), closedReason: null }, after: { status: 'open', endsAt: extendedTo.toISOString(), closedReason: null } },
    ])
    await db.transaction(async (tx) => {
      expect(await expireOverdueGracePeriods(tx, new Date(deadline.getTime() + DAY_MS), 10)).toEqual([])
      // "3 days left" is now due 3 days before the new deadline, not the old one.
      expect(await queueDueReminders(tx, new Date(deadline.getTime() - 3 * DAY_MS + 60_000))).toBe(0)
      expect(await queueDueReminders(tx, new Date(extendedTo.getTime() - 3 * DAY_MS + 60_000))).toBe(1)
    })
  })

  it('ends an expired period as a comp: resolved, so the banner and the hold to the free plan go', async () => {
    const id = await insertPeriod(BOB, 'comp', 'expired')
    expect((await getGraceBanner(viewerFor(BOB)))?.status).toBe('expired')
    await endGracePeriod(admin, BOB.id, { gracePeriodId: id, reason: 'Comped after the outage', idempotencyKey: randomUUID() })
    expect(await getGraceBanner(viewerFor(BOB))).toBeNull()
    const { rows } = await db.query(`select status, closed_reason from public.grace_periods where id = $1`, [id])
    expect(rows[0]).toEqual({ status: 'resolved', closed_reason: 'comp' })
    expect((await auditOf(id)).map((entry) => entry.action)).toEqual(['grace_period.comped'])
    await expect(endGracePeriod(admin, BOB.id, { gracePeriodId: id, reason: 'Again', idempotencyKey: randomUUID() })).rejects.toMatchObject({ code: 'grace_state', status: 409 })
  })

  it("refuses support, another customer's period, and extending one that is not open", async () => {
    const id = await insertPeriod(BOB, 'expired', 'expired')
    const input = { gracePeriodId: id, days: 3, reason: 'More time', idempotencyKey: randomUUID() }
    await expect(extendGracePeriod(viewerFor(SUPPORT, 'support'), BOB.id, input)).rejects.toMatchObject({ status: 404, code: 'no_such_route' })
    await expect(extendGracePeriod(admin, ALICE.id, { ...input, idempotencyKey: randomUUID() })).rejects.toMatchObject({ status: 404, code: 'not_found' })
    await expect(extendGracePeriod(admin, BOB.id, { ...input, idempotencyKey: randomUUID() })).rejects.toMatchObject({ status: 409, code: 'grace_state' })
    expect(await auditOf(id)).toEqual([])
  })
})
