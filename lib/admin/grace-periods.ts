import 'server-only'
import type { Viewer } from '@/lib/auth/claims'
import { assertStaff } from '@/lib/auth/require-admin'
import { asService } from '@/lib/db/transactions'
import { GRACE_COLUMNS, type GracePeriod, type GraceStatus } from '@/lib/grace/grace-period'
import { getGraceEnforcementState, type GraceEnforcementState } from './overview-enforcement'

export interface GracePeriodListing {
  counts: { open: number; expired: number }
  enforcement: GraceEnforcementState
  /** Newest first, of the status asked for. */
  periods: (GracePeriod & { email: string | null })[]
}

/** The grace periods that bear on access now (open and expired unpaid), for admins and the smoke suite. */
export async function listGracePeriodsForAdmin(viewer: Viewer, status: Extract<GraceStatus, 'open' | 'expired'>, limit: number): Promise<GracePeriodListing> {
  assertStaff(viewer)
  return asService(async (tx) => {
    const { rows: [counts] } = await tx.query<{ open: number; expired: number }>(
      `select count(*) filter (where status = 'open')::int as open, count(*) filter (where status = 'expired')::int as expired
         from public.grace_periods where status in ('open', 'expired')`,
    )
    const { rows: periods } = await tx.query<GracePeriod & { email: string | null }>(
      `select g.*, u.email
         from (select ${GRACE_COLUMNS} from public.grace_periods where status = $1 order by started_at desc, id limit $2) g
         left join auth.users u on u.id = g."userId"
        order by g."startedAt" desc, g.id`,
      [status, limit],
    )
    return { counts: counts!, enforcement: await getGraceEnforcementState(tx), periods }
  })
}
