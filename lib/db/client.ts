import 'server-only'
import path from 'node:path'
import { env } from '@/lib/env'
import { loadDemoClockOffset } from './clock-offset'
import { migrate } from './migrate'
import { openPglite } from './pglite'
import { openPostgres } from './postgres'
import type { Database } from './types'

export type { Database, Queryable } from './types'

/** PostgreSQL when DATABASE_URL is set, otherwise embedded PGlite under DATA_DIR, migrated on open. */
export async function openDatabase(options: { url?: string; dataDir?: string; migrateEmbedded?: boolean } = {}): Promise<Database> {
  const url = options.url ?? env.DATABASE_URL
  if (url) return openPostgres(url)
  const db = await openPglite(options.dataDir ?? path.join(env.DATA_DIR, 'pglite'))
  if (options.migrateEmbedded ?? true) await migrate(db)
  return db
}

// One database per process: Next.js may load this module in several bundles, and two PGlite instances
// must never open the same data directory.
const globalSlot = globalThis as typeof globalThis & { __billingDatabase?: Promise<Database> }

export function getDb(): Promise<Database> {
  globalSlot.__billingDatabase ??= openDatabase().then(async (db) => {
    await loadDemoClockOffset(db)
    return db
  })
  return globalSlot.__billingDatabase
}

/** Tests and scripts point the app at a database of their choosing. */
export function setDatabase(db: Database): void {
  globalSlot.__billingDatabase = Promise.resolve(db)
}
