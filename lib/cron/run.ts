import 'server-only'
import { runGraceJob } from '@/lib/grace/expire-job'
import type { JobName } from '@/lib/jobs/registry'
import type { CronCounts } from '@/lib/jobs/runs'
import { runNotificationJob } from '@/lib/notifications/send-job'
import { runWebhookRetryJob } from '@/lib/webhooks/retry-job'

export interface JobRunOptions {
  /** How long the run may keep taking new work; each job has its own default. */
  budgetMs?: number
}

/** A cron route's budget: its function may run 60 s (`maxDuration`), and the answer must leave in time. */
export const CRON_ROUTE_BUDGET_MS = 45_000

/** What each registered job runs. Its cron route and `npm run job` both call it, and nothing else runs a job. */
export const JOB_RUNNERS: Record<JobName, (options?: JobRunOptions) => Promise<CronCounts>> = {
  'webhook-retry': async (options) => ({ ...(await runWebhookRetryJob(options)) }),
  'grace-periods': async () => ({ ...(await runGraceJob()) }),
  notifications: async (options) => ({ ...(await runNotificationJob(options)) }),
}
