/**
 * Every scheduled job, once: its route, its schedule (cron syntax, UTC) and how late it may be before health
 * and alerts call it late. `vercel.json`, `k8s/cronjobs/`, the local scheduler and `npm run job` follow this
 * list, and tests hold them to it.
 */
export interface JobDefinition {
  name: JobName
  path: string
  schedule: string
  /** In words, for docs and the admin overview. */
  cadence: string
  /** Without a success for this long, the job is late: several runs were missed or failed. */
  lateAfterMs: number
}

export const JOB_NAMES = ['webhook-retry', 'grace-periods', 'notifications'] as const
export type JobName = (typeof JOB_NAMES)[number]

const MINUTE = 60_000

export const JOBS: readonly JobDefinition[] = [
  { name: 'webhook-retry', path: '/api/cron/webhook-retry', schedule: '*/5 * * * *', cadence: 'every 5 minutes', lateAfterMs: 20 * MINUTE },
  { name: 'grace-periods', path: '/api/cron/grace-periods', schedule: '0 3 * * *', cadence: 'daily at 03:00 UTC', lateAfterMs: 26 * 60 * MINUTE },
  { name: 'notifications', path: '/api/cron/notifications', schedule: '*/5 * * * *', cadence: 'every 5 minutes', lateAfterMs: 20 * MINUTE },
]

export function findJob(name: string): JobDefinition | undefined {
  return JOBS.find((job) => job.name === name)
}

/** The interval between runs of a schedule this registry uses: every N minutes, or daily. */
export function intervalMs(schedule: string): number {
  const everyMinutes = /^\*\/(\d+) \* \* \* \*$/.exec(schedule)
  if (everyMinutes) return Number(everyMinutes[1]) * MINUTE
  if (/^\d+ \d+ \* \* \*$/.test(schedule)) return 24 * 60 * MINUTE
  throw new Error(`unsupported schedule ${schedule}`)
}

/** The first time after `from` that a schedule of this registry's forms (every N minutes, or daily at H:M) fires. */
export function nextRunAt(schedule: string, from: Date): Date {
  const everyMinutes = /^\*\/(\d+) \* \* \* \*$/.exec(schedule)
  if (everyMinutes) {
    const step = Number(everyMinutes[1]) * MINUTE
    return new Date(Math.floor(from.getTime() / step) * step + step)
  }
  const daily = /^(\d+) (\d+) \* \* \*$/.exec(schedule)
  if (!daily) throw new Error(`unsupported schedule ${schedule}`)
  const next = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate(), Number(daily[2]), Number(daily[1])))
  return next > from ? next : new Date(next.getTime() + 24 * 60 * MINUTE)
}
