import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { migrate } from '@/lib/db/migrate'
import { openPglite } from '@/lib/db/pglite'
import { openPostgres } from '@/lib/db/postgres'
import type { Database } from '@/lib/db/types'
import { migratedSnapshot } from './pglite-snapshot'

/** Set by the test command when a PostgreSQL server is available; otherwise tests run on PGlite. */
const serverUrl = process.env.TEST_DATABASE_URL

export const testDatabaseKind = serverUrl ? 'postgres' : 'pglite'

/** A fresh, migrated database of its own for one test file: in-memory PGlite, or a new database on the server. */
export async function createTestDatabase(): Promise<Database & { url?: string }> {
  if (!serverUrl) return openPglite(undefined, { loadDataDir: await migratedSnapshot() })
  const name = `billing_test_${randomBytes(6).toString('hex')}`
  const admin = new pg.Client({ connectionString: serverUrl })
  await admin.connect()
  await admin.query(`create database ${name}`)
  await admin.end()
  const url = new URL(serverUrl)
  url.pathname = `/${name}`
  const db = openPostgres(url.toString())
  await migrate(db)
  const close = db.close
  return {
    ...db,
    url: url.toString(),
    close: async () => {
      await close()
      const cleanup = new pg.Client({ connectionString: serverUrl })
      await cleanup.connect()
      await cleanup.query(`drop database if exists ${name} with (force)`)
      await cleanup.end()
    },
  }
}
