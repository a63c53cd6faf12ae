import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { migrate } from '@/lib/db/migrate'
import { openPostgres } from '@/lib/db/postgres'
import type { Database } from '@/lib/db/types'
import { createTestDatabase, openBareDatabase, runOnServer, serverUrlFor, testDatabaseKind, type TestDatabase } from '@/test/database'
import { runBootstrap } from '@/test/partial-migrations'
import { auditHashKey } from './hash-key'
import { recordAudit } from './record'
import { findBrokenAuditLink } from './verify'

const appendOne = (db: Database, id: string) =>
  db.transaction((tx) => recordAudit(tx, { actor: { type: 'system', id: 'test' }, action: 'test.appended', subject: { type: 'test', id } }))

const asRole = (db: Database, role: 'authenticated' | 'anon', sql: string, params: unknown[] = []) =>
  db.transaction(async (tx) => {
    await tx.query(`set local role ${role}`)
    return tx.query(sql, params)
  })

describe(`who may touch the audit chain on ${testDatabaseKind}`, () => {
  let db: Database
  beforeAll(async () => {
    db = await createTestDatabase()
    await appendOne(db, '1')
  })
  afterAll(() => db.close())

  it('refuses chain verification to signed-in customers and anonymous visitors', async () => {
    for (const role of ['authenticated', 'anon'] as const) {
      await expect(asRole(db, role, `select public.verify_billing_audit_chain($1)`, [auditHashKey()])).rejects.toThrow(
        /permission denied for function verify_billing_audit_chain/,
      )
    }
  })

  it('lets customers neither append to the log nor read or move its head', async () => {
    await expect(asRole(db, 'authenticated', `insert into public.billing_audit_log (actor_type, action, subject_type, subject_id) values ('user', 'x', 't', '1')`)).rejects.toThrow(
      /permission denied/,
    )
    await expect(asRole(db, 'authenticated', `select * from public.billing_audit_chain_head`)).rejects.toThrow(/permission denied/)
    await expect(asRole(db, 'authenticated', `update public.billing_audit_chain_head set chain_position = 0`)).rejects.toThrow(/permission denied/)
  })
})

// On PGlite every session is a superuser, which no privilege stops; a server can log in as a plain role.
describe.runIf(testDatabaseKind === 'postgres')('the app connecting as a role with the service grants only', () => {
  const role = `billing_app_${randomBytes(4).toString('hex')}`
  let db: Database & { url?: string }
  let app: Database
  beforeAll(async () => {
    db = await createTestDatabase()
    await runOnServer(`create role ${role} login; grant service_role to ${role}`)
    app = openPostgres(serverUrlFor({ database: new URL(db.url!).pathname.slice(1), user: role }))
  })
  afterAll(async () => {
    await app.close()
    await db.close()
    await runOnServer(`drop role ${role}`)
  })

  it('appends entries, sealed at commit, and verifies the chain', async () => {
    await appendOne(app, '1')
    await appendOne(app, '2')
    expect((await app.query(`select chain_position from public.billing_audit_log order by chain_position`)).rows).toEqual([{ chain_position: 1 }, { chain_position: 2 }])
    expect((await app.query(`select chain_position from public.billing_audit_chain_head`)).rows).toEqual([{ chain_position: 2 }])
    expect(await findBrokenAuditLink(app)).toBeNull()
  })

  it('can neither change, remove nor empty the log', async () => {
    await expect(app.query(`update public.billing_audit_log set action = 'forged'`)).rejects.toThrow(/permission denied/)
    await expect(app.query(`delete from public.billing_audit_log`)).rejects.toThrow(/permission denied/)
    await expect(app.query(`truncate public.billing_audit_log`)).rejects.toThrow(/permission denied/)
  })

  it("can neither switch the log's triggers off nor take the owner's role", async () => {
    await expect(app.query(`alter table public.billing_audit_log disable trigger billing_audit_log_append_only`)).rejects.toThrow(/must be owner/)
    await expect(app.query(`drop trigger billing_audit_log_append_only on public.billing_audit_log`)).rejects.toThrow(/must be owner/)
    await expect(app.query(`set session_replication_role = replica`)).rejects.toThrow(/permission denied/)
    await expect(app.query(`set role billing_audit_owner`)).rejects.toThrow(/permission denied/)
    await expect(
      app.query(`create or replace function public.verify_billing_audit_chain(key text, checkpoint_position bigint default null, checkpoint_hash text default null)
        returns bigint language sql as 'select null::bigint'`),
    ).rejects.toThrow(/must be owner|permission denied/)
  })

  it('can neither move the head nor write an entry already sealed', async () => {
    await expect(app.query(`update public.billing_audit_chain_head set chain_position = 0`)).rejects.toThrow(/permission denied/)
    await expect(app.query(`delete from public.billing_audit_chain_head`)).rejects.toThrow(/permission denied/)
    await expect(
      app.query(`insert into public.billing_audit_log (actor_type, action, subject_type, subject_id, chain_position, prev_hash, hash)
        values ('system', 'x', 't', '1', 3, repeat('0', 64), repeat('0', 64))`),
    ).rejects.toThrow(/permission denied/)
    expect(await findBrokenAuditLink(app)).toBeNull()
  })
})

// Supabase's postgres role migrates without being a superuser; it administers roles (CREATEROLE) and bypasses RLS.
describe.runIf(testDatabaseKind === 'postgres')('migrations applied as a non-superuser, as on Supabase', () => {
  const role = `supabase_like_${randomBytes(4).toString('hex')}`
  let bare: TestDatabase
  let migrator: Database
  beforeAll(async () => {
    await runOnServer(`create role ${role} login createrole createdb bypassrls`)
    bare = await openBareDatabase(role)
    await runBootstrap(bare)
    await bare.exec(`grant usage on schema auth to ${role}; grant select, references on auth.users to ${role}`)
    migrator = openPostgres(serverUrlFor({ database: new URL(bare.url!).pathname.slice(1), user: role }))
  })
  afterAll(async () => {
    await migrator.close()
    await bare.close()
    await runOnServer(`drop role ${role}`)
  })

  it('hand the audit objects to their owner role and leave the migrating role outside it', async () => {
    await migrate(migrator)
    const owners = await bare.query<{ owner: string }>(
      `select distinct pg_get_userbyid(relowner) as owner from pg_class where relname in ('billing_audit_log', 'billing_audit_chain_head')`,
    )
    expect(owners.rows).toEqual([{ owner: 'billing_audit_owner' }])
    const membership = await bare.query<{ member: boolean }>(`select pg_has_role($1, 'billing_audit_owner', 'member') as member`, [role])
    expect(membership.rows[0]!.member).toBe(false)
    await appendOne(migrator, '1')
    expect(await findBrokenAuditLink(migrator)).toBeNull()
    await expect(migrator.query(`update public.billing_audit_log set action = 'forged'`)).rejects.toThrow(/permission denied/)
  })
})
