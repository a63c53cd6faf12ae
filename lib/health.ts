import 'server-only'
import { now } from '@/lib/clock'
import { listCronJobStatus } from '@/lib/cron/runs'
import { getDb } from '@/lib/db/client'
import { listAppliedVersions, listMigrationFiles } from '@/lib/db/migrate'

/** A job that has run before but not succeeded for this long is stale: a few of its runs were missed. */
export const CRON_STALE_AFTER_MS: Record<string, number> = {
  'webhook-retry': 20 * 60_000, // every 5 minutes
  notifications: 20 * 60_000, // every 5 minutes
  'grace-periods': 26 * 60 * 60_000, // daily
}

export interface HealthReport {
  healthy: boolean
  database: 'ok' | 'unreachable'
  migrations: { current: boolean; pending: string[] }
  cron: { job: string; lastSuccessAt: string | null; fresh: boolean }[]
}

export async function checkHealth(): Promise<HealthReport> {
  try {
    const db = await getDb()
    await db.query('select 1')
    const applied = new Set(await listAppliedVersions(db))
    const pending = listMigrationFiles().map((file) => file.version).filter((version) => !applied.has(version))
    const at = now().getTime()
    const cron = (await listCronJobStatus(db)).map(({ job, lastSuccessAt }) => {
      const staleAfter = CRON_STALE_AFTER_MS[job]
      const fresh = !staleAfter || (lastSuccessAt !== null && at - lastSuccessAt.getTime() < staleAfter)
      return { job, lastSuccessAt: lastSuccessAt?.toISOString() ?? null, fresh }
    })
    const healthy = pending.length === 0 && cron.every((job) => job.fresh)
    return { healthy, database: 'ok', migrations: { current: pending.length === 0, pending }, cron }
  } catch {
    return { healthy: false, database: 'unreachable', migrations: { current: false, pending: [] }, cron: [] }
  }
}
