import { createHmac } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database, Queryable } from '@/lib/db/types'
import { createTestDatabase, testDatabaseKind } from '@/test/database'
import { auditHashKey } from './hash-key'
import { recordAudit } from './record'
import { findBrokenAuditLink } from './verify'

const ROLLED_BACK = new Error('rolled back')

/** Tampers inside a transaction that is rolled back afterwards, so every case starts from the same chain. */
async function thenRollBack<T>(db: Database, fn: (tx: Queryable) => Promise<T>): Promise<T> {
  let result: T | undefined
  await db
    .transaction(async (tx) => {
      result = await fn(tx)
      throw ROLLED_BACK
    })
    .catch((error: unknown) => {
      if (error !== ROLLED_BACK) throw error
    })
  return result as T
}

const UNKEYED_HASH = `public.billing_audit_row_hash(entry.prev_hash, entry.chain_position, entry.occurred_at, entry.actor_type,
  entry.actor_id, entry.action, entry.subject_type, entry.subject_id, entry.user_id, entry.before, entry.after, entry.context)`
const HASH_UNDER_REWRITE_KEY = `public.billing_audit_row_hmac(public.billing_audit_hmac_pads(current_setting('test.rewrite_key')), entry)`

/** What the tables' owner can do: switch the triggers off, edit entry 3, recompute every later hash with `hash`, move the head. */
async function rewriteFromEntry3(tx: Queryable, hash: string, key = ''): Promise<void> {
  await tx.query(`select set_config('test.rewrite_key', $1, true)`, [key])
  await tx.query(`alter table public.billing_audit_log disable trigger billing_audit_log_append_only`)
  await tx.query(`alter table public.billing_audit_chain_head disable trigger user`)
  await tx.query(`update public.billing_audit_log set after = '{"amount": 1}' where chain_position = 3`)
  await tx.query(`do $$ declare entry public.billing_audit_log; prev text; begin
    select hash into prev from public.billing_audit_log where chain_position = 2;
    for entry in select * from public.billing_audit_log where chain_position >= 3 order by chain_position loop
      entry.prev_hash := prev;
      entry.hash := ${hash};
      update public.billing_audit_log set prev_hash = entry.prev_hash, hash = entry.hash where id = entry.id;
      prev := entry.hash;
    end loop;
    update public.billing_audit_chain_head set hash = prev;
  end $$`)
}

describe(`tampering with the billing audit chain on ${testDatabaseKind}`, () => {
  let db: Database
  const hashAt = async (position: number) =>
    (await db.query<{ hash: string }>(`select hash from public.billing_audit_log where chain_position = $1`, [position])).rows[0]!.hash
  const countEntries = async () => (await db.query<{ n: number }>(`select count(*)::int as n from public.billing_audit_log`)).rows[0]!.n

  beforeAll(async () => {
    db = await createTestDatabase()
    for (let index = 1; index <= 5; index++) {
      await db.transaction((tx) =>
        recordAudit(tx, { actor: { type: 'system', id: 'test' }, action: 'invoice.paid', subject: { type: 'invoice', id: `in_${index}` }, after: { amount: index * 100 } }),
      )
    }
  })
  afterAll(() => db.close())

  it('seals each entry with HMAC-SHA256 under the key, not with a plain hash', async () => {
    const { rows } = await db.query<{ hash: string; message: string }>(
      `select hash, public.billing_audit_row_message(entry) as message from public.billing_audit_log entry order by chain_position`,
    )
    expect(rows).toHaveLength(5)
    for (const row of rows) expect(row.hash).toBe(createHmac('sha256', auditHashKey()).update(row.message).digest('hex'))
  })

  it('computes HMAC-SHA256 as RFC 2104 does, for short, block-sized, long and non-ASCII keys', async () => {
    for (const key of ['k'.repeat(32), 'b'.repeat(64), 'l'.repeat(100), 'clé-à-moitié-secrète-0123456789-✓']) {
      const { rows } = await db.query<{ mac: string }>(
        `select encode(sha256(pads[2] || sha256(pads[1] || convert_to($2, 'UTF8'))), 'hex') as mac
           from (select public.billing_audit_hmac_pads($1) as pads) as derived`,
        [key, 'a message ✓'],
      )
      expect(rows[0]!.mac).toBe(createHmac('sha256', key).update('a message ✓').digest('hex'))
    }
  })

  it('refuses to seal an entry written without the key, failing its transaction at commit', async () => {
    const insert = `insert into public.billing_audit_log (actor_type, action, subject_type, subject_id) values ('system', 'unkeyed', 't', '1')`
    await expect(db.transaction((tx) => tx.query(insert))).rejects.toThrow(/no audit hash key/)
    for (const key of ['', 'too-short']) {
      await expect(
        db.transaction(async (tx) => {
          await tx.query(`select set_config('billing.audit_hash_key', $1, true)`, [key])
          await tx.query(insert)
        }),
      ).rejects.toThrow(/no audit hash key/)
    }
    expect(await countEntries()).toBe(5)
    expect(await findBrokenAuditLink(db)).toBeNull()
  })

  it('refuses to clear one chain column of a sealed entry', async () => {
    await expect(
      thenRollBack(db, async (tx) => {
        await tx.query(`alter table public.billing_audit_log disable trigger billing_audit_log_append_only`)
        await tx.query(`update public.billing_audit_log set hash = null where chain_position = 2`)
      }),
    ).rejects.toThrow(/billing_audit_log_sealed_whole/)
  })

  it('counts an entry changed with its hash set to NULL as broken', async () => {
    const brokenAt = await thenRollBack(db, async (tx) => {
      await tx.query(`alter table public.billing_audit_log drop constraint if exists billing_audit_log_sealed_whole`)
      await tx.query(`alter table public.billing_audit_log disable trigger billing_audit_log_append_only`)
      await tx.query(`update public.billing_audit_log set after = '{"amount": 1}', hash = null where chain_position = 2`)
      return findBrokenAuditLink(tx)
    })
    expect(brokenAt).toBe(2)
  })

  it('counts an entry whose chain columns were all cleared as broken, in the middle or at the end', async () => {
    for (const position of [2, 5]) {
      const brokenAt = await thenRollBack(db, async (tx) => {
        await tx.query(`alter table public.billing_audit_log disable trigger billing_audit_log_append_only`)
        await tx.query(`update public.billing_audit_log set chain_position = null, prev_hash = null, hash = null where chain_position = $1`, [position])
        return findBrokenAuditLink(tx)
      })
      expect(brokenAt).toBe(position)
    }
  })

  it('names the first rewritten entry when the chain was recomputed without the key', async () => {
    const rewrittenWith = (hash: string, key?: string) =>
      thenRollBack(db, async (tx) => {
        await rewriteFromEntry3(tx, hash, key)
        return findBrokenAuditLink(tx)
      })
    expect(await rewrittenWith(UNKEYED_HASH)).toBe(3)
    expect(await rewrittenWith(HASH_UNDER_REWRITE_KEY, 'not-the-audit-hash-key-0123456789abcdef')).toBe(3)
  })

  it('names the checkpointed entry when the chain was recomputed with the key', async () => {
    const checkpoint = { position: 4, hash: await hashAt(4) }
    const [withoutCheckpoint, againstCheckpoint] = await thenRollBack(db, async (tx) => {
      await rewriteFromEntry3(tx, HASH_UNDER_REWRITE_KEY, auditHashKey())
      return [await findBrokenAuditLink(tx), await findBrokenAuditLink(tx, checkpoint)]
    })
    expect(withoutCheckpoint).toBeNull()
    expect(againstCheckpoint).toBe(4)
    expect(await findBrokenAuditLink(db, checkpoint)).toBeNull()
  })

  it('names the first missing entry when the chain was cut back below a checkpoint', async () => {
    const checkpoint = { position: 5, hash: await hashAt(5) }
    const entry3 = await hashAt(3)
    const [withoutCheckpoint, againstCheckpoint] = await thenRollBack(db, async (tx) => {
      await tx.query(`alter table public.billing_audit_log disable trigger billing_audit_log_append_only`)
      await tx.query(`alter table public.billing_audit_chain_head disable trigger user`)
      await tx.query(`delete from public.billing_audit_log where chain_position > 3`)
      await tx.query(`update public.billing_audit_chain_head set chain_position = 3, hash = $1`, [entry3])
      return [await findBrokenAuditLink(tx), await findBrokenAuditLink(tx, checkpoint)]
    })
    expect(withoutCheckpoint).toBeNull()
    expect(againstCheckpoint).toBe(4)
  })
})
