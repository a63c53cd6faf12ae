import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '@/lib/db/types'
import { createTestDatabase, testDatabaseKind } from '@/test/database'
import { listAuditEntries } from './queries'
import { recordAudit } from './record'
import { findBrokenAuditLink } from './verify'

describe(`billing audit log on ${testDatabaseKind}`, () => {
  let db: Database
  beforeAll(async () => {
    db = await createTestDatabase()
    for (let index = 1; index <= 5; index++) {
      await db.transaction((tx) =>
        recordAudit(tx, {
          actor: { type: 'system', id: 'test' },
          action: index % 2 ? 'subscription.updated' : 'invoice.paid',
          subject: { type: 'subscription', id: `sub_${index}` },
          before: { n: index - 1 },
          after: { n: index },
        }),
      )
    }
  })
  afterAll(() => db.close())

  it('chains every entry to the one before it', async () => {
    const { rows } = await db.query<{ prev_hash: string; hash: string }>(`select prev_hash, hash from public.billing_audit_log order by chain_position`)
    expect(rows).toHaveLength(5)
    expect(rows[0]!.prev_hash).toBe('0'.repeat(64))
    for (let index = 1; index < rows.length; index++) expect(rows[index]!.prev_hash).toBe(rows[index - 1]!.hash)
    expect(await findBrokenAuditLink(db)).toBeNull()
  })

  it('refuses to update, delete or truncate entries', async () => {
    await expect(db.query(`update public.billing_audit_log set action = 'forged'`)).rejects.toThrow(/append-only/)
    await expect(db.query(`delete from public.billing_audit_log`)).rejects.toThrow(/append-only/)
    await expect(db.query(`truncate public.billing_audit_log`)).rejects.toThrow(/append-only/)
    expect((await db.query(`select count(*)::int as n from public.billing_audit_log`)).rows[0]).toEqual({ n: 5 })
  })

  it('keeps the chain whole when many writers append at once', async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        db.transaction((tx) => recordAudit(tx, { actor: { type: 'system', id: 'load' }, action: 'test.concurrent', subject: { type: 'test', id: String(index) } })),
      ),
    )
    expect(await findBrokenAuditLink(db)).toBeNull()
  })

  it('pages newest first with a keyset cursor and filters by action', async () => {
    const first = await listAuditEntries(db, { limit: 2, action: 'subscription.updated' })
    expect(first.rows.map((row) => row.subjectId)).toEqual(['sub_5', 'sub_3'])
    const second = await listAuditEntries(db, { limit: 2, action: 'subscription.updated', before: first.nextCursor! })
    expect(second.rows.map((row) => row.subjectId)).toEqual(['sub_1'])
    expect(second.nextCursor).toBeNull()
  })

  it('finds the first entry changed behind the trigger\'s back', async () => {
    // Only a superuser can switch the trigger off; the chain still tells.
    await db.exec(`alter table public.billing_audit_log disable trigger billing_audit_log_append_only;
      update public.billing_audit_log set after = '{"n": 99}' where chain_position = 3;
      alter table public.billing_audit_log enable trigger billing_audit_log_append_only;`)
    expect(await findBrokenAuditLink(db)).toBe(3)
  })
})
