import { Card } from '@/components/ui/card'
import { LocalDate } from '@/components/ui/local-date'
import type { Plan } from '@/lib/billing/plans'
import type { CurrentSubscription } from '@/lib/billing/queries'
import { formatMoney } from '@/lib/format'

const STATUS_LABEL: Record<string, string> = {
  active: 'Active',
  trialing: 'Trial',
  past_due: 'Payment overdue',
  incomplete: 'Awaiting payment',
  unpaid: 'Unpaid',
  paused: 'Paused',
}

export function CurrentPlan({ subscription, plan }: { subscription: CurrentSubscription | null; plan: Plan | null }) {
  if (!subscription || !plan) {
    return (
      <Card title="Your plan">
        <p className="text-slate-600">You have no active subscription.</p>
      </Card>
    )
  }
  return (
    <Card title="Your plan">
      <div className="flex flex-wrap items-baseline gap-x-4 gap-y-1">
        <p className="text-2xl font-semibold" data-testid="current-plan-name">
          {plan.name}
        </p>
        <p className="text-slate-600">
          {formatMoney(plan.unitAmount, plan.currency)} / {plan.interval}
        </p>
        <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium">{STATUS_LABEL[subscription.status] ?? subscription.status}</span>
      </div>
      {subscription.currentPeriodEnd && (
        <p className="mt-2 text-sm text-slate-600">
          {subscription.cancelAtPeriodEnd ? 'Ends on ' : 'Renews on '}
          <LocalDate value={subscription.currentPeriodEnd} />
        </p>
      )}
    </Card>
  )
}
