import 'server-only'
import type { Queryable } from '@/lib/db/types'
import { GRACE_COLUMNS, type GracePeriod } from './grace-period'
import { queueGraceNotice } from './notices'

/** Reminders before the deadline, most distant first; each is due until the next one is. */
export const REMINDER_DAYS_LEFT = [3, 1] as const

/**
 * Queues each reminder whose window holds `at`: "3 days left" from 3 days before the deadline until 1 day
 * before, "1 day left" from then until the deadline. A period shorter than the reminder's lead gets none.
 * The dedupe key makes a re-run, or a run beside another, queue nothing twice. Returns how many were queued.
 */
export async function queueDueReminders(tx: Queryable, at: Date): Promise<number> {
  let queued = 0
  for (const [index, daysLeft] of REMINDER_DAYS_LEFT.entries()) {
    const until = REMINDER_DAYS_LEFT[index + 1] ?? 0
    const { rows } = await tx.query<GracePeriod>(
      `select ${GRACE_COLUMNS} from public.grace_periods
        where status = 'open'
          and ends_at - make_interval(days => $2::int) <= $1 and ends_at - make_interval(days => $3::int) > $1
          and ends_at - make_interval(days => $2::int) > started_at`,
      [at, daysLeft, until],
    )
    for (const period of rows) if (await queueGraceNotice(tx, 'grace_ending', period, daysLeft)) queued += 1
  }
  return queued
}
