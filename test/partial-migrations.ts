import { readFileSync } from 'node:fs'
import path from 'node:path'
import { listMigrationFiles } from '@/lib/db/migrate'
import type { Database } from '@/lib/db/types'

export function runBootstrap(db: Database): Promise<void> {
  return db.exec(readFileSync(path.join(process.cwd(), 'supabase', 'local-bootstrap.sql'), 'utf8'))
}

/** Applies the migration files in [from, until) as the project's migrator would, without recording them. */
export async function applyMigrations(db: Database, { from = '', until = '99999999999999' }: { from?: string; until?: string }): Promise<void> {
  for (const migration of listMigrationFiles()) {
    if (migration.version >= from && migration.version < until) await db.exec(`begin;\n${migration.sql}\n;commit;`)
  }
}
