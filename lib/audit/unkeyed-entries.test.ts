import { createHmac } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '@/lib/db/types'
import { openBareDatabase, testDatabaseKind } from '@/test/database'
import { applyMigrations, runBootstrap } from '@/test/partial-migrations'
import { auditHashKey } from './hash-key'
import { recordAudit } from './record'
import { findBrokenAuditLink } from './verify'

const KEYED_CHAIN_MIGRATION = '20261125130000'

const appendOne = (db: Database, index: number) =>
  db.transaction((tx) => recordAudit(tx, { actor: { type: 'system', id: 'test' }, action: 'invoice.paid', subject: { type: 'invoice', id: `in_${index}` }, after: { amount: index } }))

interface ChainRow {
  position: number
  prevHash: string
  hash: string
  unkeyed: string
  message: string
}

describe(`audit entries sealed before the chain was keyed, on ${testDatabaseKind}`, () => {
  let db: Database
  const chain = async () =>
    (
      await db.query<ChainRow>(
        `select chain_position as position, prev_hash as "prevHash", hash, public.billing_audit_row_message(entry) as message,
                public.billing_audit_row_hash(prev_hash, chain_position, occurred_at, actor_type, actor_id, action, subject_type,
                  subject_id, user_id, before, after, context) as unkeyed
           from public.billing_audit_log entry order by chain_position`,
      )
    ).rows

  beforeAll(async () => {
    db = await openBareDatabase()
    await runBootstrap(db)
    await applyMigrations(db, { until: KEYED_CHAIN_MIGRATION })
    for (const index of [1, 2, 3]) await appendOne(db, index)
    await applyMigrations(db, { from: KEYED_CHAIN_MIGRATION })
    for (const index of [4, 5]) await appendOne(db, index)
  })
  afterAll(() => db.close())

  it('keeps verifying the entries sealed before, and keys every entry after, chained to the last unkeyed one', async () => {
    expect(await findBrokenAuditLink(db)).toBeNull()
    expect((await db.query(`select unkeyed_through from public.billing_audit_chain_head`)).rows).toEqual([{ unkeyed_through: 3 }])
    const rows = await chain()
    expect(rows.map((row) => row.position)).toEqual([1, 2, 3, 4, 5])
    for (const row of rows.slice(0, 3)) expect(row.hash).toBe(row.unkeyed)
    for (const row of rows.slice(3)) expect(row.hash).toBe(createHmac('sha256', auditHashKey()).update(row.message).digest('hex'))
    expect(rows[3]!.prevHash).toBe(rows[2]!.hash)
  })

  it('finds an entry changed among those sealed before the key', async () => {
    await db.transaction(async (tx) => {
      await tx.query(`alter table public.billing_audit_log disable trigger billing_audit_log_append_only`)
      await tx.query(`update public.billing_audit_log set after = '{"amount": 99}' where chain_position = 2`)
      expect(await findBrokenAuditLink(tx)).toBe(2)
      await tx.query(`update public.billing_audit_log set after = '{"amount": 2}' where chain_position = 2`)
      await tx.query(`alter table public.billing_audit_log enable trigger billing_audit_log_append_only`)
    })
    expect(await findBrokenAuditLink(db)).toBeNull()
  })

  it('refuses to move the boundary between unkeyed and keyed entries', async () => {
    await expect(db.query(`update public.billing_audit_chain_head set unkeyed_through = 5`)).rejects.toThrow(/billing_audit_chain_head moves only/)
  })
})
