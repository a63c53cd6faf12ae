import { CurrentPlan } from '@/components/billing/current-plan'
import type { BillingOverview } from '@/lib/billing/queries'
import { PlanCancel } from './plan-cancel'
import { PlanPicker } from './plan-picker'
import { PlanScheduledChange } from './plan-scheduled-change'
import { PlanSeats } from './plan-seats'

const CANCELABLE = new Set(['active', 'trialing', 'past_due'])

/** The plan, what is scheduled for it, cancel or resume, and the plans to change to (or subscribe to). */
export function PlanSection({ overview, seatsInUse = 0 }: { overview: BillingOverview; seatsInUse?: number }) {
  const { subscription, plan, plans, scheduledChange } = overview
  const paid = Boolean(plan && plan.unitAmount > 0)
  const lockedReason = scheduledChange
    ? `A change to ${scheduledChange.toPlanName} is scheduled. Undo it to choose another plan.`
    : subscription?.cancelAtPeriodEnd
      ? 'Your subscription is set to end. Resume it to change plans.'
      : null
  return (
    <>
      <CurrentPlan subscription={subscription} plan={plan}>
        {scheduledChange && <PlanScheduledChange toPlanName={scheduledChange.toPlanName} effectiveAt={scheduledChange.effectiveAt.toISOString()} />}
        {subscription && plan && paid && !scheduledChange && CANCELABLE.has(subscription.status) && (
          <PlanCancel
            planName={plan.name}
            cancelAtPeriodEnd={subscription.cancelAtPeriodEnd}
            periodEnd={subscription.currentPeriodEnd?.toISOString() ?? null}
          />
        )}
      </CurrentPlan>
      {subscription && plan?.perSeat && !lockedReason && CANCELABLE.has(subscription.status) && (
        <PlanSeats planName={plan.name} quantity={subscription.quantity} inUse={seatsInUse} />
      )}
      <PlanPicker
        plans={plans}
        current={subscription?.priceId && plan ? { priceId: subscription.priceId, interval: plan.interval } : null}
        lockedReason={lockedReason}
      />
    </>
  )
}
