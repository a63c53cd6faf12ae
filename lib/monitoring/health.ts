import 'server-only'
import { now } from '@/lib/clock'
import { getDb } from '@/lib/db/client'
import { listAppliedVersions, listMigrationFiles } from '@/lib/db/migrate'
import { stripeLivemode, usesStripeEmulator } from '@/lib/env'
import { listJobStatus } from '@/lib/jobs/status'

export interface HealthReport {
  healthy: boolean
  /** Which Stripe the app talks to: the smoke suite refuses to write against a live-mode deployment. */
  stripe: 'emulator' | 'test' | 'live'
  database: 'ok' | 'unreachable'
  migrations: { current: boolean; pending: string[] }
  cron: { job: string; lastSuccessAt: string | null; late: boolean }[]
}

const stripe: HealthReport['stripe'] = usesStripeEmulator ? 'emulator' : stripeLivemode ? 'live' : 'test'

export async function checkHealth(): Promise<HealthReport> {
  try {
    const db = await getDb()
    await db.query('select 1')
    const applied = new Set(await listAppliedVersions(db))
    const pending = listMigrationFiles().map((file) => file.version).filter((version) => !applied.has(version))
    const cron = (await db.transaction((tx) => listJobStatus(tx, now()))).map(({ job, lastSuccessAt, late }) => ({ job, lastSuccessAt: lastSuccessAt?.toISOString() ?? null, late }))
    const healthy = pending.length === 0 && cron.every((job) => !job.late)
    return { healthy, stripe, database: 'ok', migrations: { current: pending.length === 0, pending }, cron }
  } catch {
    return { healthy: false, stripe, database: 'unreachable', migrations: { current: false, pending: [] }, cron: [] }
  }
}
