import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import pg from 'pg'
import { listMigrationFiles } from '@/lib/db/migrate'
import { openPglite } from '@/lib/db/pglite'
import { openPostgres } from '@/lib/db/postgres'
import type { Database } from '@/lib/db/types'

/** Set by the test command when a PostgreSQL server is available (a superuser's URL). */
const serverUrl = process.env.TEST_DATABASE_URL

export type BareDatabase = Database & { url?: string }

/** Runs one statement on the test server as its superuser. */
export async function runOnServer(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl })
  await client.connect()
  try {
    await client.query(sql)
  } finally {
    await client.end()
  }
}

/** The test server's URL for another database or role (the throwaway cluster trusts local connections). */
export function serverUrlFor({ database, user }: { database?: string; user?: string }): string {
  const url = new URL(serverUrl!)
  if (database) url.pathname = `/${database}`
  if (user) url.username = user
  return url.toString()
}

/** An empty database on the test engine, optionally owned by `owner` (PostgreSQL only). */
export async function openBareDatabase(owner?: string): Promise<BareDatabase> {
  if (!serverUrl) return openPglite()
  const name = `billing_bare_${randomBytes(6).toString('hex')}`
  await runOnServer(`create database ${name}${owner ? ` owner ${owner}` : ''}`)
  const url = serverUrlFor({ database: name })
  const db = openPostgres(url)
  return {
    ...db,
    url,
    close: async () => {
      await db.close()
      await runOnServer(`drop database if exists ${name} with (force)`)
    },
  }
}

export function runBootstrap(db: Database): Promise<void> {
  return db.exec(readFileSync(path.join(process.cwd(), 'supabase', 'local-bootstrap.sql'), 'utf8'))
}

/** Applies the migration files in [from, until) as the project's migrator would, without recording them. */
export async function applyMigrations(db: Database, { from = '', until = '99999999999999' }: { from?: string; until?: string }): Promise<void> {
  for (const migration of listMigrationFiles()) {
    if (migration.version >= from && migration.version < until) await db.exec(`begin;\n${migration.sql}\n;commit;`)
  }
}
