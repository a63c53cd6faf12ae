import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import type { Database } from './types'

const ROOT = path.join(process.cwd(), 'supabase')
const MIGRATIONS_DIR = path.join(ROOT, 'migrations')

export interface MigrationFile {
  version: string
  name: string
  sql: string
}

export function listMigrationFiles(): MigrationFile[] {
  return readdirSync(MIGRATIONS_DIR)
    .filter((file) => /^\d+_.+\.sql$/.test(file))
    .sort()
    .map((file) => {
      const [, version, name] = /^(\d+)_(.+)\.sql$/.exec(file)!
      return { version: version!, name: name!, sql: readFileSync(path.join(MIGRATIONS_DIR, file), 'utf8') }
    })
}

async function hasSupabaseAuth(db: Database): Promise<boolean> {
  const { rows } = await db.query<{ present: boolean }>(
    `select exists (select 1 from pg_proc p join pg_namespace n on n.oid = p.pronamespace
       where n.nspname = 'auth' and p.proname = 'uid') as present`,
  )
  return rows[0]!.present
}

/** Where the Supabase CLI records applied migrations, so `supabase db push` and this migrator agree. */
async function ensureHistoryTable(db: Database): Promise<void> {
  await db.exec(`
    create schema if not exists supabase_migrations;
    create table if not exists supabase_migrations.schema_migrations (
      version text primary key, statements text[], name text
    );`)
}

export async function listAppliedVersions(db: Database): Promise<string[]> {
  const { rows } = await db.query<{ version: string }>(
    `select version from supabase_migrations.schema_migrations order by version`,
  )
  return rows.map((row) => row.version)
}

/** Applies pending migrations in order, each in its own transaction. Returns the versions applied. */
export async function migrate(db: Database): Promise<string[]> {
  if (!(await hasSupabaseAuth(db))) {
    await db.exec(readFileSync(path.join(ROOT, 'local-bootstrap.sql'), 'utf8'))
  }
  await ensureHistoryTable(db)
  const applied = new Set(await listAppliedVersions(db))
  const newlyApplied: string[] = []
  for (const migration of listMigrationFiles()) {
    if (applied.has(migration.version)) continue
    // The migration and its history row commit together, so a failure leaves neither behind.
    const quote = (text: string) => `'${text.replaceAll("'", "''")}'`
    await db
      .exec(`begin;\n${migration.sql}\n;
        insert into supabase_migrations.schema_migrations (version, name, statements)
        values (${quote(migration.version)}, ${quote(migration.name)}, array[${quote(migration.sql)}]);
        commit;`)
      .catch(async (error: unknown) => {
        await db.exec('rollback').catch(() => undefined)
        throw new Error(`migration ${migration.version}_${migration.name} failed: ${(error as Error).message}`)
      })
    newlyApplied.push(migration.version)
  }
  return newlyApplied
}
