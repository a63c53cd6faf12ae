import 'server-only'
import type { Queryable } from '@/lib/db/types'
import { GRACE_COLUMNS, type GracePeriod } from './grace-period'

/**
 * The grace period that bears on a customer's access now: an open one (allowed, warn with its deadline), else
 * an expired one (held to the free plan while enforcement is on). Resolved and canceled ones never bear.
 */
export async function getCurrentGracePeriod(tx: Queryable, userId: string): Promise<GracePeriod | null> {
  const { rows } = await tx.query<GracePeriod>(
    `select ${GRACE_COLUMNS} from public.grace_periods where user_id = $1 and status in ('open', 'expired')
      order by status = 'open' desc, started_at desc limit 1`,
    [userId],
  )
  return rows[0] ?? null
}
