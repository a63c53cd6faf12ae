import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { recordAudit } from '@/lib/audit/record'
import { listAppliedVersions, listMigrationFiles, migrate } from '@/lib/db/migrate'
import type { Database } from '@/lib/db/types'
import { openBareDatabase, type TestDatabase } from '@/test/database'
import { applyMigrations, runBootstrap } from '@/test/partial-migrations'
import { applyDownScript, dumpSchema, listDownScripts } from './down-scripts'
import { insertBillingData } from './billing-data'

const versions = listMigrationFiles().map((migration) => migration.version)
const newestFirst = listDownScripts().reverse()

describe.skipIf(!process.env.TEST_DATABASE_URL)('rolling every migration back with its down script, newest first', () => {
  let db: TestDatabase
  // schemaAfter[n]: the schema of a database with the local bootstrap and the first n migrations applied.
  const schemaAfter: string[] = []

  beforeAll(async () => {
    const reference = await openBareDatabase()
    try {
      await runBootstrap(reference)
      schemaAfter.push(await dumpSchema(reference.url!))
      for (const [index, version] of versions.entries()) {
        await applyMigrations(reference, { from: version, until: versions[index + 1] })
        schemaAfter.push(await dumpSchema(reference.url!))
      }
    } finally {
      await reference.close()
    }
    db = await openBareDatabase()
    await migrate(db)
    await insertBillingData(db)
  }, 180_000)
  afterAll(() => db?.close())

  it('refuses a down script while a newer migration is applied, changing nothing', async () => {
    const before = await dumpSchema(db.url!)
    await expect(applyDownScript(db.url!, newestFirst.at(-1)!.file, { asRunbookSays: true })).rejects.toThrow(/roll back newer migrations first/)
    expect(await dumpSchema(db.url!)).toBe(before)
    expect(await listAppliedVersions(db)).toEqual(versions)
  })

  it('dumps a schema that holds the app', () => {
    expect(schemaAfter[versions.length]).toContain('CREATE TABLE public.billing_audit_log')
    expect(schemaAfter[0]).not.toContain('CREATE TABLE public.')
  })

  it('after each down script, leaves the schema that migrating up to the previous migration builds', async () => {
    expect(await dumpSchema(db.url!)).toBe(schemaAfter[versions.length])
    for (const [done, script] of newestFirst.entries()) {
      const remaining = versions.length - done - 1
      expect(script.version).toBe(versions[remaining])
      await applyDownScript(db.url!, script.file)
      expect(await dumpSchema(db.url!), `after ${script.migration}.down.sql`).toBe(schemaAfter[remaining])
      expect(await listAppliedVersions(db)).toEqual(versions.slice(0, remaining))
      await DATA_CHANGED_BY[script.migration]?.(db)
    }
    // A psql run and a pg_dump per migration: about a second each while the build shares the machine.
  }, 180_000)

  it('ends bare: no app table or function, no recorded migration, and a second run of a down script fails', async () => {
    const { rows } = await db.query<{ objects: number }>(
      `select (select count(*) from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public')
            + (select count(*) from pg_proc p join pg_namespace n on n.oid = p.pronamespace where n.nspname = 'public') as objects`,
    )
    expect(Number(rows[0]!.objects)).toBe(0)
    expect(await listAppliedVersions(db)).toEqual([])
    await expect(applyDownScript(db.url!, newestFirst.at(-1)!.file)).rejects.toThrow(/is not applied/)
  })

  it('migrates again to the same schema, and the app writes and seals audit entries again', async () => {
    expect(await migrate(db)).toEqual(versions)
    expect(await dumpSchema(db.url!)).toBe(schemaAfter[versions.length])
    await insertBillingData(db)
    await appendAudit(db)
    const { rows } = await db.query<{ chain_position: string }>(`select chain_position from public.billing_audit_log order by id`)
    expect(rows.map((row) => Number(row.chain_position))).toEqual([1, 2])
  })
})

// What the headers warn of, checked on the rows insertBillingData wrote.
const DATA_CHANGED_BY: Record<string, (db: Database) => Promise<void>> = {
  // It drops no data: the processed event's transition, not yet folded, comes back as the counter deltas it stands for.
  '20261204190000_webhook_transition_deltas': async (db) => {
    const { rows } = await db.query(`select name, labels, value from public.metric_counter_deltas where name like 'stripe_webhook_%'`)
    expect(rows).toEqual(
      expect.arrayContaining([
        { name: 'stripe_webhook_events_total', labels: { type: 'invoice.paid', status: 'processed' }, value: 1 },
        { name: 'stripe_webhook_events_total', labels: { type: 'invoice.paid', status: 'received' }, value: 1 },
        { name: 'stripe_webhook_processing_attempts_total', labels: { outcome: 'processed' }, value: 1 },
      ]),
    )
  },
  '20261125140000_grace_outcomes': async (db) => {
    const { rows } = await db.query(`select status, resolved_at is not null as resolved from public.grace_periods`)
    expect(rows).toEqual([{ status: 'resolved', resolved: true }])
  },
  '20261125130000_audit_chain_keyed': async (db) => {
    const { rows } = await db.query(`select public.verify_billing_audit_chain() as broken`)
    expect(rows).toEqual([{ broken: 1 }])
  },
}

function appendAudit(db: Database) {
  return db.transaction((tx) => recordAudit(tx, { actor: { type: 'system', id: 'rollback-test' }, action: 'test.again', subject: { type: 'test', id: '2' } }))
}
