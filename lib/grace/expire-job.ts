import 'server-only'
import { now as clockNow } from '@/lib/clock'
import { asService } from '@/lib/db/transactions'
import { env } from '@/lib/env'
import { recordCronRun } from '@/lib/jobs/runs'
import { sendDueNotifications, type SendOptions } from '@/lib/notifications/send'
import { foldGracePeriodDays } from './analytics'
import { cancelSubscriptionsOfExpiredGracePeriods } from './cancel-expired'
import { expireOverdueGracePeriods } from './expire'
import { queueDueReminders } from './reminders'

export const GRACE_JOB = 'grace-periods'

export interface GraceJobOptions extends Pick<SendOptions, 'mailer'> {
  now?: () => Date
  batchSize?: number
  cancelSubscriptions?: boolean
}

export type GraceJobCounts = { expired: number; reminders: number; canceled: number; cancelFailed: number; sent: number; sendFailed: number }

/**
 * The daily job: expires overdue grace periods (in batches, each with its audit entries and messages), queues
 * the reminders that are due, folds the analytics' per-day counts, cancels subscriptions when
 * GRACE_CANCEL_SUBSCRIPTION says so, then sends.
 * Enforcement is not its business: an expired period is what the usage checks read.
 */
export async function runGraceJob(options: GraceJobOptions = {}): Promise<GraceJobCounts> {
  const { now = clockNow, batchSize = 100, cancelSubscriptions = env.GRACE_CANCEL_SUBSCRIPTION === 'on', mailer } = options
  return recordCronRun(GRACE_JOB, now(), async () => {
    const counts: GraceJobCounts = { expired: 0, reminders: 0, canceled: 0, cancelFailed: 0, sent: 0, sendFailed: 0 }
    for (;;) {
      const expired = await asService((tx) => expireOverdueGracePeriods(tx, now(), batchSize))
      counts.expired += expired.length
      if (expired.length < batchSize) break
    }
    counts.reminders = await asService((tx) => queueDueReminders(tx, now()))
    await asService(foldGracePeriodDays)
    if (cancelSubscriptions) Object.assign(counts, await cancelSubscriptionsOfExpiredGracePeriods())
    const sent = await sendDueNotifications({ mailer, now, budgetMs: 20_000 })
    counts.sent = sent.sent
    counts.sendFailed = sent.failed + sent.retrying
    return counts
  })
}
