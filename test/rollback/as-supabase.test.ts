import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { recordAudit } from '@/lib/audit/record'
import { findBrokenAuditLink } from '@/lib/audit/verify'
import { listAppliedVersions, migrate } from '@/lib/db/migrate'
import { openPostgres } from '@/lib/db/postgres'
import type { Database } from '@/lib/db/types'
import { openBareDatabase, runOnServer, serverUrlFor, type TestDatabase } from '@/test/database'
import { runBootstrap } from '@/test/partial-migrations'
import { rollBackTo } from './down-scripts'

const BEFORE_KEYED_AUDIT = '20261125120400'

// Supabase's postgres role migrates without being a superuser (it has CREATEROLE), and the app connects as it.
describe.skipIf(!process.env.TEST_DATABASE_URL)('down scripts applied by a non-superuser, as on Supabase', () => {
  const role = `supabase_like_${randomBytes(4).toString('hex')}`
  let bare: TestDatabase
  let url: string
  let app: Database
  beforeAll(async () => {
    await runOnServer(`create role ${role} login createrole createdb bypassrls`)
    bare = await openBareDatabase(role)
    await runBootstrap(bare)
    await bare.exec(`grant usage on schema auth to ${role}; grant select, references on auth.users to ${role}`)
    url = serverUrlFor({ database: new URL(bare.url!).pathname.slice(1), user: role })
    app = openPostgres(url)
    await migrate(app)
  })
  afterAll(async () => {
    await app?.close()
    await bare?.close()
    await runOnServer(`drop role if exists ${role}`)
  })

  it('hand the audit log back to the app role, whose unkeyed seal and verification of that time work again', async () => {
    await rollBackTo(url, await listAppliedVersions(app), BEFORE_KEYED_AUDIT)
    expect((await listAppliedVersions(app)).at(-1)).toBe(BEFORE_KEYED_AUDIT)
    const owners = await bare.query<{ owner: string }>(
      `select distinct pg_get_userbyid(relowner) as owner from pg_class where relname in ('billing_audit_log', 'billing_audit_chain_head')`,
    )
    expect(owners.rows).toEqual([{ owner: role }])
    const membership = await bare.query<{ member: boolean }>(`select pg_has_role($1, 'billing_audit_owner', 'member') as member`, [role])
    expect(membership.rows[0]!.member).toBe(false)

    // The app of that time appended without a key and verified with no arguments.
    await app.query(`insert into public.billing_audit_log (actor_type, action, subject_type, subject_id) values ('system', 'test.unkeyed', 'test', '1')`)
    const { rows } = await app.query<{ broken: string | null; position: number }>(
      `select public.verify_billing_audit_chain() as broken, (select chain_position from public.billing_audit_log) as position`,
    )
    expect(rows).toEqual([{ broken: null, position: 1 }])
    await expect(app.query(`delete from public.billing_audit_log`)).rejects.toThrow(/append-only/)
  })

  it('roll back to bare and migrate again, sealing entries with the key once more', async () => {
    await rollBackTo(url, await listAppliedVersions(app))
    expect(await listAppliedVersions(app)).toEqual([])
    await migrate(app)
    await app.transaction((tx) => recordAudit(tx, { actor: { type: 'system', id: 'rollback-test' }, action: 'test.keyed', subject: { type: 'test', id: '1' } }))
    expect(await findBrokenAuditLink(app)).toBeNull()
  })
})
