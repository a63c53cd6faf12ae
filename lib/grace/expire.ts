import 'server-only'
import { recordAudit } from '@/lib/audit/record'
import type { Queryable } from '@/lib/db/types'
import { GRACE_COLUMNS, type GracePeriod } from './grace-period'
import { queueGraceNotice } from './notices'

/**
 * Expires up to `limit` open grace periods whose deadline has passed, auditing each and queueing its message in
 * the same transaction. Rows another run holds are skipped, and the status test makes a second run a no-op.
 */
export async function expireOverdueGracePeriods(tx: Queryable, at: Date, limit: number): Promise<GracePeriod[]> {
  const { rows } = await tx.query<GracePeriod>(
    `update public.grace_periods set status = 'expired', expired_at = $1, closed_at = $1, closed_reason = 'deadline_passed'
      where id in (select id from public.grace_periods where status = 'open' and ends_at <= $1
                    order by ends_at limit $2 for update skip locked)
        and status = 'open'
      returning ${GRACE_COLUMNS}`,
    [at, limit],
  )
  for (const expired of rows) {
    await recordAudit(tx, {
      actor: { type: 'system', id: 'grace-periods' },
      action: 'grace_period.expired',
      subject: { type: 'grace_period', id: expired.id },
      userId: expired.userId,
      before: { status: 'open', endsAt: expired.endsAt },
      after: { status: 'expired', expiredAt: expired.expiredAt },
      context: { subscriptionId: expired.subscriptionId, invoiceId: expired.invoiceId },
    })
    await queueGraceNotice(tx, 'grace_expired', expired)
  }
  return rows
}
