import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase, testDatabaseKind } from '@/test/database'
import { listAppliedVersions, listMigrationFiles, migrate } from './migrate'
import type { Database } from './types'

describe(`migrations on ${testDatabaseKind}`, () => {
  let db: Database
  beforeAll(async () => {
    db = await createTestDatabase()
  })
  afterAll(() => db.close())

  it('records every migration where the Supabase CLI looks for it', async () => {
    const files = listMigrationFiles().map((file) => file.version)
    expect(files.length).toBeGreaterThan(0)
    expect(await listAppliedVersions(db)).toEqual(files)
    const { rows } = await db.query<{ name: string }>(`select name from supabase_migrations.schema_migrations order by version`)
    expect(rows.map((row) => row.name)).toContain('billing_audit_log')
  })

  it('applies nothing the second time', async () => {
    expect(await migrate(db)).toEqual([])
  })

  it('creates every table of the data model with row-level security on', async () => {
    const { rows } = await db.query<{ relname: string; relrowsecurity: boolean }>(
      `select c.relname, c.relrowsecurity from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind = 'r' order by c.relname`,
    )
    const tables = Object.fromEntries(rows.map((row) => [row.relname, row.relrowsecurity]))
    for (const table of ['customers', 'subscriptions', 'invoices', 'usage_records', 'grace_periods', 'webhook_events',
      'billing_audit_log', 'notifications', 'cron_runs', 'products', 'prices']) {
      expect(tables[table], table).toBe(true)
    }
  })

  it('provides the Supabase auth helpers the policies use', async () => {
    const claims = JSON.stringify({ sub: '11111111-1111-4111-8111-111111111111', role: 'authenticated' })
    const uid = await db.transaction(async (tx) => {
      await tx.query(`select set_config('request.jwt.claims', $1, true)`, [claims])
      const { rows } = await tx.query<{ uid: string }>(`select auth.uid() as uid`)
      return rows[0]!.uid
    })
    expect(uid).toBe('11111111-1111-4111-8111-111111111111')
  })
})
