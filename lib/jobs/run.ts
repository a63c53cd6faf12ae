import 'server-only'
import type { CronCounts } from '@/lib/cron/runs'
import { runGraceJob } from '@/lib/grace/expire-job'
import { runNotificationJob } from '@/lib/notifications/send-job'
import { runWebhookRetryJob } from '@/lib/webhooks/retry-job'
import type { JobName } from './registry'

/** What each registered job runs; its cron route and `npm run job` both call this. */
export const JOB_RUNNERS: Record<JobName, () => Promise<CronCounts>> = {
  'webhook-retry': async () => ({ ...(await runWebhookRetryJob()) }),
  'grace-periods': async () => ({ ...(await runGraceJob()) }),
  notifications: async () => ({ ...(await runNotificationJob()) }),
}
