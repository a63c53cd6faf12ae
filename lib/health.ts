import 'server-only'
import { now } from '@/lib/clock'
import { listCronJobStatus } from '@/lib/cron/runs'
import { getDb } from '@/lib/db/client'
import { listAppliedVersions, listMigrationFiles } from '@/lib/db/migrate'
import { findJob } from '@/lib/jobs/registry'


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
      // A job that has run before but not succeeded for its allowed lateness is stale.
      const staleAfter = findJob(job)?.lateAfterMs
      const fresh = !staleAfter || (lastSuccessAt !== null && at - lastSuccessAt.getTime() < staleAfter)
      return { job, lastSuccessAt: lastSuccessAt?.toISOString() ?? null, fresh }
    })
    const healthy = pending.length === 0 && cron.every((job) => job.fresh)
    return { healthy, database: 'ok', migrations: { current: pending.length === 0, pending }, cron }
  } catch {
    return { healthy: false, database: 'unreachable', migrations: { current: false, pending: [] }, cron: [] }
  }
}
