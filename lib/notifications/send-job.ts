import 'server-only'
import { now as clockNow } from '@/lib/clock'
import { recordCronRun } from '@/lib/jobs/runs'
import { sendDueNotifications, type SendCounts, type SendOptions } from './send'

export const NOTIFICATIONS_JOB = 'notifications'

/** The notification sender as its own cron job, recorded in cron_runs. */
export async function runNotificationJob(options: SendOptions = {}): Promise<SendCounts> {
  return recordCronRun(NOTIFICATIONS_JOB, (options.now ?? clockNow)(), () => sendDueNotifications(options))
}
