import 'server-only'
import type { Viewer } from '@/lib/auth/claims'
import { getBillingOverview } from './queries'

/** What `GET /api/billing/subscription` answers: the plan as the billing page shows it, in plain JSON. */
export async function getSubscriptionSummary(viewer: Viewer) {
  const { subscription, plan, plans, scheduledChange } = await getBillingOverview(viewer)
  const planOf = (p: NonNullable<typeof plan>) => ({ priceId: p.priceId, name: p.name, amount: p.unitAmount, currency: p.currency, interval: p.interval })
  return {
    subscription:
      subscription && plan
        ? {
            id: subscription.id,
            status: subscription.status,
            plan: planOf(plan),
            quantity: subscription.quantity,
            currentPeriodEnd: subscription.currentPeriodEnd?.toISOString() ?? null,
            cancelAtPeriodEnd: subscription.cancelAtPeriodEnd,
            trialEnd: subscription.status === 'trialing' ? (subscription.trialEnd?.toISOString() ?? null) : null,
            discounts: subscription.discounts.map((discount) => ({
              id: discount.id,
              code: discount.promotionCode,
              coupon: discount.coupon,
              start: new Date(discount.start * 1000).toISOString(),
              end: discount.end ? new Date(discount.end * 1000).toISOString() : null,
            })),
            scheduledChange: scheduledChange
              ? { priceId: scheduledChange.toPriceId, plan: scheduledChange.toPlanName, effectiveAt: scheduledChange.effectiveAt.toISOString() }
              : null,
          }
        : null,
    plans: plans.map((p) => ({ ...planOf(p), current: p.priceId === subscription?.priceId })),
  }
}
