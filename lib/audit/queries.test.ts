import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '@/lib/db/types'
import { createTestDatabase, testDatabaseKind } from '@/test/database'
import { ALICE, BOB, insertUsers } from '@/test/fixtures'
import { auditFilterSchema, listAuditEntries, type AuditFilter, type AuditLogRow } from './queries'
import { recordAudit } from './record'

interface Seeded {
  action: string
  actor: string
  actorType: 'system' | 'stripe' | 'admin'
  subject: string
  userId: string | null
  day: string
}

// 45 entries over three days, two customers, three actions, and actors of three kinds.
const SEEDED: Seeded[] = Array.from({ length: 45 }, (_, index) => ({
  action: ['invoice.paid', 'subscription.updated', 'grace.opened'][index % 3]!,
  actor: index % 5 === 0 ? 'admin-1' : `evt_${index % 4}`,
  actorType: index % 5 === 0 ? 'admin' : index % 2 === 0 ? 'stripe' : 'system',
  subject: `sub_${index % 6}`,
  userId: index % 4 === 0 ? ALICE.id : index % 4 === 1 ? BOB.id : null,
  day: ['2026-11-20', '2026-11-21', '2026-11-22'][Math.floor(index / 15)]!,
}))

describe(`audit log filters and keyset pages on ${testDatabaseKind}`, () => {
  let db: Database
  let all: AuditLogRow[]
  const list = (input: Record<string, unknown>) => db.transaction((tx) => listAuditEntries(tx, auditFilterSchema.parse(input)))

  /** Every page from newest to oldest, following the older cursor. */
  async function walk(input: Record<string, unknown>): Promise<{ ids: number[]; pages: number[][] }> {
    const pages: number[][] = []
    let cursor: number | null = null
    do {
      const page = await list({ ...input, ...(cursor ? { before: cursor } : {}) })
      pages.push(page.rows.map((row) => row.id))
      cursor = page.nextCursor
    } while (cursor !== null)
    return { ids: pages.flat(), pages }
  }

  beforeAll(async () => {
    db = await createTestDatabase()
    await db.transaction(insertUsers)
    for (const entry of SEEDED) {
      await db.transaction((tx) =>
        recordAudit(tx, { actor: { type: entry.actorType, id: entry.actor }, action: entry.action, subject: { type: 'subscription', id: entry.subject }, userId: entry.userId, before: { status: 'a' }, after: { status: 'b' } }),
      )
    }
    // Spread the entries over three days (the log refuses updates, so the test moves them as its owner would).
    await db.exec(`alter table public.billing_audit_log disable trigger billing_audit_log_append_only`)
    const ids = (await db.query<{ id: number }>(`select id from public.billing_audit_log order by id`)).rows.map((row) => row.id)
    for (const [index, id] of ids.entries()) {
      await db.query(`update public.billing_audit_log set occurred_at = $2::timestamptz + make_interval(mins => $3) where id = $1`, [id, `${SEEDED[index]!.day}T00:00:00Z`, index])
    }
    await db.exec(`alter table public.billing_audit_log enable trigger billing_audit_log_append_only`)
    all = (await list({ limit: 200 })).rows
  })
  afterAll(() => db.close())

  const idsWhere = (keep: (entry: Seeded) => boolean) =>
    all.filter((row) => keep(SEEDED[row.chainPosition! - 1]!)).map((row) => row.id)

  it('pages newest first through every entry once, and back again with the newer cursor', async () => {
    expect(all.map((row) => row.id)).toEqual([...all.map((row) => row.id)].sort((a, b) => b - a))
    const { ids, pages } = await walk({ limit: 10 })
    expect(ids).toEqual(all.map((row) => row.id))
    expect(pages.map((page) => page.length)).toEqual([10, 10, 10, 10, 5])

    let page = await list({ limit: 10, before: pages[3]![9]! + 0 })
    expect(page.rows.map((row) => row.id)).toEqual(pages[4])
    for (let index = 3; index >= 0; index--) {
      page = await list({ limit: 10, after: page.prevCursor! })
      expect(page.rows.map((row) => row.id)).toEqual(pages[index])
    }
    expect(page.prevCursor).toBeNull()
    expect(page.nextCursor).toBe(pages[0]![9])
  })

  it.each([
    ['action', { action: 'grace.opened' }, (entry: Seeded) => entry.action === 'grace.opened'],
    ['actor id', { actor: 'admin-1' }, (entry: Seeded) => entry.actor === 'admin-1'],
    ['actor type', { actorType: 'stripe' }, (entry: Seeded) => entry.actorType === 'stripe'],
    ['subject', { subjectType: 'subscription', subjectId: 'sub_2' }, (entry: Seeded) => entry.subject === 'sub_2'],
    ['customer by email', { customer: 'ALICE@test.example' }, (entry: Seeded) => entry.userId === ALICE.id],
    ['customer by Stripe id', { customer: BOB.customer }, (entry: Seeded) => entry.userId === BOB.id],
    ['customer by user id', { customer: ALICE.id }, (entry: Seeded) => entry.userId === ALICE.id],
    ['one day', { from: '2026-11-21', to: '2026-11-21' }, (entry: Seeded) => entry.day === '2026-11-21'],
    ['from a day on', { from: '2026-11-22' }, (entry: Seeded) => entry.day === '2026-11-22'],
    ['several filters at once', { action: 'invoice.paid', to: '2026-11-21', actorType: 'stripe' }, (entry: Seeded) => entry.action === 'invoice.paid' && entry.day <= '2026-11-21' && entry.actorType === 'stripe'],
  ])('filters by %s, across keyset pages', async (_name, filter, keep) => {
    const expected = idsWhere(keep)
    expect(expected.length).toBeGreaterThan(2)
    const { ids, pages } = await walk({ ...filter, limit: 2 })
    expect(ids).toEqual(expected)
    expect(pages.length).toBe(Math.ceil(expected.length / 2))
  })

  it('finds nothing for a customer who does not exist, rather than everything', async () => {
    expect(await list({ customer: 'nobody@test.example' })).toEqual({ rows: [], nextCursor: null, prevCursor: null })
  })

  it('reads blank form fields as no filter and refuses malformed dates and cursors', () => {
    const parsed: AuditFilter = auditFilterSchema.parse({ action: '', customer: '', from: '', before: '' })
    expect(parsed).toEqual({ limit: 50 })
    expect(auditFilterSchema.safeParse({ from: '21/11/2026' }).success).toBe(false)
    expect(auditFilterSchema.safeParse({ before: '-3' }).success).toBe(false)
    expect(auditFilterSchema.safeParse({ actorType: 'robot' }).success).toBe(false)
  })
})
