import 'server-only'
import type { Queryable } from '@/lib/db/types'
import { queueNotification } from '@/lib/notifications/outbox'
import type { GracePeriod } from './grace-period'

export type GraceNoticeKind = 'grace_started' | 'grace_ending' | 'grace_expired' | 'payment_recovered'

/** What a grace message shows: the amount owed, the deadline and (for reminders) the days left. */
export interface GraceNoticePayload {
  gracePeriodId: string
  invoiceId: string | null
  amountDue: number | null
  currency: string | null
  endsAt: string
  daysLeft?: number
}

/**
 * Queues one message about a grace period. The dedupe key names the grace period and the occasion (each reminder
 * its own), so overlapping jobs and repeated events queue each message once. A period with no user sends nothing.
 */
export async function queueGraceNotice(tx: Queryable, kind: GraceNoticeKind, grace: GracePeriod, daysLeft?: number): Promise<boolean> {
  if (!grace.userId) return false
  const payload: GraceNoticePayload = {
    gracePeriodId: grace.id,
    invoiceId: grace.invoiceId,
    amountDue: grace.amountDue,
    currency: grace.currency,
    endsAt: new Date(grace.endsAt).toISOString(),
    ...(daysLeft === undefined ? {} : { daysLeft }),
  }
  const occasion = daysLeft === undefined ? kind : `${kind}:${daysLeft}d`
  return queueNotification(tx, { userId: grace.userId, kind, dedupeKey: `grace:${grace.id}:${occasion}`, payload: { ...payload } })
}
