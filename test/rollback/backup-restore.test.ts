import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { recordAudit } from '@/lib/audit/record'
import { findBrokenAuditLink } from '@/lib/audit/verify'
import { migrate } from '@/lib/db/migrate'
import { openBareDatabase, type TestDatabase } from '@/test/database'
import { insertBillingData, readBillingData } from './billing-data'
import { dumpSchema } from './down-scripts'
import { runbookCommand } from './runbook-commands'

const run = promisify(execFile)

describe.skipIf(!process.env.TEST_DATABASE_URL)('restoring a backup, the preferred way back', () => {
  let db: TestDatabase
  let folder: string
  beforeAll(async () => {
    folder = mkdtempSync(path.join(tmpdir(), 'billing-backup-'))
    db = await openBareDatabase()
    await migrate(db)
    await insertBillingData(db)
  })
  afterAll(async () => {
    await db?.close()
    rmSync(folder, { recursive: true, force: true })
  })

  it('brings back the schema and every row, audit chain whole, after later changes', async () => {
    const schema = await dumpSchema(db.url!)
    const content = await readBillingData(db)
    // The runbook's own commands, run as an operator would paste them.
    const shell = (command: string) => run('bash', ['-c', command], { cwd: folder, env: { ...process.env, DATABASE_URL: db.url! } })
    await shell(runbookCommand('pg_dump'))

    // What happens after the backup: a new audit entry, a lost webhook event, a dropped table.
    await db.transaction((tx) => recordAudit(tx, { actor: { type: 'system', id: 'rollback-test' }, action: 'test.later', subject: { type: 'test', id: '1' } }))
    await db.query(`delete from public.webhook_events`)
    await db.query(`drop table public.api_keys`)
    expect(await readBillingData(db)).not.toEqual(content)

    await shell(runbookCommand('pg_restore'))

    expect(await readBillingData(db)).toEqual(content)
    expect(await dumpSchema(db.url!)).toBe(schema)
    expect(content.billing_audit_log).toHaveLength(1)
    expect(await findBrokenAuditLink(db)).toBeNull()
  })
})
