import 'server-only'
import type { Queryable } from '@/lib/db/types'
import { GRACE_COLUMNS, type GracePeriod } from './grace-period'

const DAY_MS = 86_400_000

export async function getGracePeriodOfUser(tx: Queryable, userId: string, id: string): Promise<GracePeriod | null> {
  const { rows } = await tx.query<GracePeriod>(`select ${GRACE_COLUMNS} from public.grace_periods where id = $1 and user_id = $2`, [id, userId])
  return rows[0] ?? null
}

export const extendedDeadline = (period: Pick<GracePeriod, 'endsAt'>, days: number) => new Date(new Date(period.endsAt).getTime() + days * DAY_MS)

/**
 * Moves an open period's deadline later. The banner, the expiry job and the reminders all read `ends_at`, so
 * they follow; null when the period is no longer open (paid or expired meanwhile).
 */
export async function extendOpenGracePeriod(tx: Queryable, id: string, days: number): Promise<GracePeriod | null> {
  const { rows } = await tx.query<GracePeriod>(
    `update public.grace_periods set ends_at = ends_at + make_interval(days => $2::int) where id = $1 and status = 'open' returning ${GRACE_COLUMNS}`,
    [id, days],
  )
  return rows[0] ?? null
}

/**
 * Ends an open or expired period as a comp: resolved without payment, so the banner goes, enforcement lifts
 * and no reminder is queued for it any more. Null when it was already closed.
 */
export async function endGracePeriodAsComp(tx: Queryable, id: string, at: Date): Promise<GracePeriod | null> {
  const { rows } = await tx.query<GracePeriod>(
    `update public.grace_periods set status = 'resolved', resolved_at = $2, closed_at = $2, closed_reason = 'comp'
      where id = $1 and status in ('open', 'expired') returning ${GRACE_COLUMNS}`,
    [id, at],
  )
  return rows[0] ?? null
}
