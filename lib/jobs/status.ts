import 'server-only'
import { getSetting } from '@/lib/db/settings'
import type { Queryable } from '@/lib/db/types'
import { JOB_NAMES, JOBS, type JobName } from './registry'
import { listCronJobStatus } from './runs'

export interface JobStatus {
  job: JobName
  lastSuccessAt: Date | null
  /** No success within the job's allowance: since its last success, or since install when it never ran. */
  late: boolean
}

/** Every registered job with its last success and whether it is late at `at`. */
export async function listJobStatus(tx: Queryable, at: Date): Promise<JobStatus[]> {
  const runs = await listCronJobStatus(tx, JOB_NAMES)
  const installedAt = await getSetting<string>(tx, 'installed_at')
  return JOBS.map((job) => {
    const lastSuccessAt = runs.find((run) => run.job === job.name)?.lastSuccessAt ?? null
    const since = lastSuccessAt ?? (installedAt ? new Date(installedAt) : at)
    return { job: job.name, lastSuccessAt, late: at.getTime() - since.getTime() > job.lateAfterMs }
  })
}
