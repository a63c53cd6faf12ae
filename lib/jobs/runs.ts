import 'server-only'
import { asService } from '@/lib/db/transactions'
import type { Queryable } from '@/lib/db/types'
import { logger } from '@/lib/log'

export type CronCounts = Record<string, number>

/** Records a job run in cron_runs (for health and metrics) around the work, including when it fails. */
export async function recordCronRun<T extends CronCounts>(job: string, startedAt: Date, work: () => Promise<T>): Promise<T> {
  const runId = await asService(async (tx) => {
    const { rows } = await tx.query<{ id: number }>(
      `insert into public.cron_runs (job, started_at, status) values ($1, $2, 'running') returning id`,
      [job, startedAt],
    )
    return rows[0]!.id
  })
  const finish = (status: 'succeeded' | 'failed', counts: CronCounts, error: string | null) =>
    asService((tx) =>
      tx.query(`update public.cron_runs set finished_at = now(), status = $2, counts = $3::jsonb, error = $4 where id = $1`, [
        runId,
        status,
        JSON.stringify(counts),
        error,
      ]),
    )
  try {
    const counts = await work()
    await finish('succeeded', counts, null)
    logger.info({ job, runId, counts }, 'cron run')
    return counts
  } catch (error) {
    await finish('failed', {}, error instanceof Error ? error.message : String(error))
    logger.error({ job, runId, err: error }, 'cron run failed')
    throw error
  }
}

export interface CronJobStatus {
  job: string
  lastSuccessAt: Date | null
}

/** Each of `jobs` with when it last succeeded (null when it never has), one index probe per job. */
export async function listCronJobStatus(tx: Queryable, jobs: readonly string[]): Promise<CronJobStatus[]> {
  const { rows } = await tx.query<CronJobStatus>(
    `select jobs.job, (select max(finished_at) from public.cron_runs where job = jobs.job and status = 'succeeded') as "lastSuccessAt"
       from unnest($1::text[]) as jobs(job) order by jobs.job`,
    [jobs],
  )
  return rows
}
