import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { migrate } from '@/lib/db/migrate'
import { openPglite } from '@/lib/db/pglite'
import { openPostgres } from '@/lib/db/postgres'
import type { Database } from '@/lib/db/types'
import { migratedSnapshot } from './pglite-snapshot'

/** Set by the test command when a PostgreSQL server is available (its superuser); otherwise tests run on PGlite. */
const serverUrl = process.env.TEST_DATABASE_URL

export const testDatabaseKind = serverUrl ? 'postgres' : 'pglite'

export type TestDatabase = Database & { url?: string }

// A test's database holds a few hundred rows: PGlite clears its shared buffers on every start, and PostgreSQL's
// default of 128MB made that half of a test database's start (1.3 s, now 0.7 s outside Vitest).
const PGLITE_SHARED_BUFFERS = '16MB'

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

/** An empty database of its own on the test engine, optionally owned by `owner` (PostgreSQL only). */
export async function openBareDatabase(owner?: string): Promise<TestDatabase> {
  if (!serverUrl) return openPglite(undefined, { sharedBuffers: PGLITE_SHARED_BUFFERS })
  const name = `billing_test_${randomBytes(6).toString('hex')}`
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

/** A fresh, migrated database of its own for one test file: in-memory PGlite, or a new database on the server. */
export async function createTestDatabase(): Promise<TestDatabase> {
  if (!serverUrl) {
    const db = await openPglite(undefined, { loadDataDir: await migratedSnapshot(), sharedBuffers: PGLITE_SHARED_BUFFERS })
    // The snapshot may be days old; a test database is installed now, as a fresh deployment's would be.
    await db.query(`update public.app_settings set value = to_jsonb(now()) where key = 'installed_at'`)
    return db
  }
  const db = await openBareDatabase()
  await migrate(db)
  return db
}
