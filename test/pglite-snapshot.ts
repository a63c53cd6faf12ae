import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { listMigrationFiles, migrate } from '@/lib/db/migrate'
import { openPglite } from '@/lib/db/pglite'

const SNAPSHOT_DIR = path.join('.data', 'vitest')

/** Named by the migrations' content, so a changed or added migration makes a new snapshot. */
function snapshotPath(): string {
  const digest = createHash('sha256')
  digest.update(readFileSync(path.join('supabase', 'local-bootstrap.sql')))
  for (const migration of listMigrationFiles()) digest.update(migration.version).update(migration.sql)
  return path.join(SNAPSHOT_DIR, `pglite-migrated-${digest.digest('hex').slice(0, 16)}.tar`)
}

/**
 * A migrated empty database, made once and loaded by every test file: migrating a fresh PGlite takes seconds,
 * loading the dump a fraction of that. Written atomically, so concurrent makers agree.
 */
export async function migratedSnapshot(): Promise<Blob> {
  const file = snapshotPath()
  if (!existsSync(file)) {
    const db = await openPglite()
    await migrate(db)
    const dump = Buffer.from(await (await db.dump()).arrayBuffer())
    await db.close()
    mkdirSync(SNAPSHOT_DIR, { recursive: true })
    const draft = `${file}.${process.pid}`
    writeFileSync(draft, dump)
    renameSync(draft, file)
  }
  return new Blob([readFileSync(file)])
}
