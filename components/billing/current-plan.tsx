import type { ReactNode } from 'react'
import { Card } from '@/components/ui/card'
import { LocalDate } from '@/components/ui/local-date'
import type { Plan } from '@/lib/billing/plans'
import type { CurrentSubscription } from '@/lib/billing/queries'
import { formatMoney } from '@/lib/format'
import { DiscountTerms } from './discount-terms'

const STATUS_LABEL: Record<string, string> = {
  active: 'Active',
  trialing: 'Free trial',
  past_due: 'Payment overdue',
  incomplete: 'Awaiting first payment',
  unpaid: 'Unpaid',
  paused: 'Paused',
}

const INTERVAL_WORD: Record<string, string> = { month: 'month', year: 'year', week: 'week', day: 'day' }

function statusInWords(subscription: CurrentSubscription): string {
  if (subscription.cancelAtPeriodEnd) return 'Canceled, active until the period ends'
  return STATUS_LABEL[subscription.status] ?? subscription.status
}

interface Props {
  subscription: CurrentSubscription | null
  plan: Plan | null
  /** The plan's own actions (scheduled change, cancel or resume), rendered under its details. */
  children?: ReactNode
}

export function CurrentPlan({ subscription, plan, children }: Props) {
  if (!subscription || !plan) {
    return (
      <Card title="Your plan">
        <p className="text-slate-600">You have no subscription yet. Choose a plan below to get started.</p>
      </Card>
    )
  }
  const seats = plan.quotas.seats
  return (
    <Card title="Your plan">
      <div className="flex flex-wrap items-baseline gap-x-4 gap-y-1">
        <p className="text-2xl font-semibold" data-testid="current-plan-name">
          {plan.name}
        </p>
        <p className="text-slate-600">
          {formatMoney(plan.unitAmount * subscription.quantity, plan.currency)} / {INTERVAL_WORD[plan.interval] ?? plan.interval}
        </p>
        <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium" data-testid="current-plan-status">
          {statusInWords(subscription)}
        </span>
      </div>
      <dl className="mt-3 grid gap-x-6 gap-y-1 text-sm text-slate-600 sm:grid-cols-2">
        {subscription.status === 'trialing' && subscription.trialEnd && (
          <div>
            <dt className="inline">Trial ends: </dt>
            <dd className="inline"><LocalDate value={subscription.trialEnd} /></dd>
          </div>
        )}
        {subscription.currentPeriodEnd && (
          <div>
            <dt className="inline">{subscription.cancelAtPeriodEnd ? 'Ends on: ' : 'Renews on: '}</dt>
            <dd className="inline" data-testid="current-plan-date"><LocalDate value={subscription.currentPeriodEnd} /></dd>
          </div>
        )}
        {subscription.quantity > 1 && !plan.perSeat && (
          <div>
            <dt className="inline">Quantity: </dt>
            <dd className="inline">{subscription.quantity}</dd>
          </div>
        )}
        {subscription.discounts.map((discount) => (
          <div key={discount.id} className="sm:col-span-2">
            <dt className="inline">Discount: </dt>
            <dd className="inline"><DiscountTerms coupon={discount.coupon} code={discount.promotionCode} end={discount.end} /></dd>
          </div>
        ))}
        {seats !== undefined && (
          <div>
            <dt className="inline">Seats: </dt>
            <dd className="inline">{seats * subscription.quantity === 1 ? '1' : `up to ${seats * subscription.quantity}`}</dd>
          </div>
        )}
      </dl>
      {children}
    </Card>
  )
}
