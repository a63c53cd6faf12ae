import 'server-only'
import type { Viewer } from '@/lib/auth/claims'
import { asUser } from '@/lib/db/transactions'
import { AppError } from '@/lib/http/errors'
import { previewPlanChange, type PlanChangeQuote } from '@/lib/billing/plan-change'
import { getPlanByPrice } from '@/lib/billing/plans'
import { getCurrentSubscription } from '@/lib/billing/queries'
import { getUsageSummary } from './queries'

/** Seats the usage meter has recorded in use this period (metric `seats`). */
export async function seatsInUse(userId: string): Promise<number> {
  const usage = await getUsageSummary(userId)
  return usage.metrics.find((metric) => metric.metric === 'seats')?.used ?? 0
}

/**
 * Previews a new seat count on a per-seat plan, priced by Stripe like a plan change (fixed proration date, the same
 * quote confirmed by `confirmPlanChange`). Going below the seats in use is refused with how many to remove first.
 */
export async function previewSeatChange(viewer: Viewer, quantity: number, promotionCode: string | null = null): Promise<PlanChangeQuote> {
  const plan = await asUser(viewer.claims, async (tx) => {
    const subscription = await getCurrentSubscription(tx, viewer.id)
    return subscription?.priceId ? getPlanByPrice(tx, subscription.priceId) : null
  })
  if (!plan) throw new AppError('no_subscription', 'You have no active subscription to change.', 409)
  if (!plan.perSeat) throw new AppError('not_per_seat', `The ${plan.name} plan is not priced per seat.`, 409)
  const inUse = await seatsInUse(viewer.id)
  if (quantity < inUse) {
    throw new AppError(
      'seats_in_use',
      `${inUse === 1 ? '1 seat is' : `${inUse} seats are`} in use; remove ${inUse - quantity} before going down to ${quantity}.`,
      409,
    )
  }
  return previewPlanChange(viewer, { quantity, promotionCode })
}
