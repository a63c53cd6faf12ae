import 'server-only'
import { getDb } from '@/lib/db/client'
import { listAppliedVersions, listMigrationFiles } from '@/lib/db/migrate'

export interface HealthReport {
  healthy: boolean
  database: 'ok' | 'unreachable'
  migrations: { current: boolean; pending: string[] }
}

export async function checkHealth(): Promise<HealthReport> {
  try {
    const db = await getDb()
    await db.query('select 1')
    const applied = new Set(await listAppliedVersions(db))
    const pending = listMigrationFiles().map((file) => file.version).filter((version) => !applied.has(version))
    return { healthy: pending.length === 0, database: 'ok', migrations: { current: pending.length === 0, pending } }
  } catch {
    return { healthy: false, database: 'unreachable', migrations: { current: false, pending: [] } }
  }
}
