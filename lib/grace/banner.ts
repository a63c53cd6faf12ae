import 'server-only'
import type { Viewer } from '@/lib/auth/claims'
import { now } from '@/lib/clock'
import { asService, asUser } from '@/lib/db/transactions'
import { getEntitlement } from '@/lib/usage/entitlement'
import { getCurrentGracePeriod } from './queries'

export interface GraceBanner {
  status: 'open' | 'expired'
  endsAt: Date
  /** Whole days until the deadline, by the app's clock (0 on the last day). */
  daysLeft: number
  amountDue: number | null
  currency: string | null
  /** After expiry, while enforcement is on: the free plan's quotas that apply now. */
  heldToFreePlan: boolean
  freePlanName: string | null
  limits: { metric: string; limit: number }[]
}

const DAY_MS = 86_400_000

/** What the portal's banner says about a failed payment: null when nothing is unpaid. */
export async function getGraceBanner(viewer: Viewer, at = now()): Promise<GraceBanner | null> {
  const grace = await asUser(viewer.claims, (tx) => getCurrentGracePeriod(tx, viewer.id))
  if (!grace || (grace.status !== 'open' && grace.status !== 'expired')) return null
  const entitlement = grace.status === 'expired' ? await asService((tx) => getEntitlement(tx, viewer.id, at)) : null
  return {
    status: grace.status,
    endsAt: grace.endsAt,
    daysLeft: Math.max(0, Math.ceil((grace.endsAt.getTime() - at.getTime()) / DAY_MS)),
    amountDue: grace.amountDue,
    currency: grace.currency,
    heldToFreePlan: entitlement?.heldToFreePlan ?? false,
    freePlanName: entitlement?.heldToFreePlan ? entitlement.planName : null,
    limits: entitlement?.heldToFreePlan ? Object.entries(entitlement.quotas).sort(([a], [b]) => a.localeCompare(b)).map(([metric, limit]) => ({ metric, limit })) : [],
  }
}
