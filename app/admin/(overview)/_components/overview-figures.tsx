import Link from 'next/link'
import type { AdminOverview } from '@/lib/admin/overview'
import { formatMoney } from '@/lib/format'

function Figure({ label, value, detail, href, testId }: { label: string; value: string; detail?: string; href?: string; testId: string }) {
  return (
    <section aria-label={label} className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
      <h2 className="text-sm font-medium text-slate-600">{label}</h2>
      <p className="mt-1 text-2xl font-semibold" data-testid={testId}>
        {value}
      </p>
      {detail && <p className="mt-1 text-xs text-slate-500">{detail}</p>}
      {href && (
        <Link href={href} className="mt-2 inline-block text-sm text-indigo-600 hover:underline">
          View
          <span className="sr-only"> {label.toLowerCase()}</span>
        </Link>
      )}
    </section>
  )
}

const percent = new Intl.NumberFormat('en', { style: 'percent', maximumFractionDigits: 1 })

export function OverviewFigures({ overview }: { overview: AdminOverview }) {
  const { webhooks } = overview
  const subscriptions = overview.subscriptionsByPlan.reduce((sum, plan) => sum + plan.count, 0)
  const revenue = overview.monthlyRecurringRevenue
  return (
    <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
      <Figure
        label="Monthly recurring revenue"
        testId="overview-mrr"
        value={revenue.length === 0 ? formatMoney(0, 'usd') : revenue.map((money) => formatMoney(money.amount, money.currency)).join(' + ')}
        detail="Active and past-due subscriptions; yearly prices count a twelfth"
      />
      <Figure label="Active subscriptions" testId="overview-subscriptions" value={String(subscriptions)} detail="Active, trialing or past due" />
      <Figure
        label="Webhook success (24 h)"
        testId="overview-webhook-rate"
        value={webhooks.successRate === null ? 'No events' : percent.format(webhooks.successRate)}
        detail={`${webhooks.succeeded} handled, ${webhooks.failed} failed, ${webhooks.pending} pending`}
        href="/admin/webhooks"
      />
      <Figure label="Dead-letter queue" testId="overview-dead-letters" value={String(overview.deadLetters)} detail="Events that exhausted their retries" href="/admin/dlq" />
      <Figure label="Open grace periods" testId="overview-open-grace" value={String(overview.openGracePeriods)} detail="Customers whose payment failed" href="/admin/grace" />
    </div>
  )
}

export function SubscriptionsByPlan({ plans }: { plans: AdminOverview['subscriptionsByPlan'] }) {
  if (plans.length === 0) return <p className="text-sm text-slate-600">No active subscriptions yet.</p>
  return (
    <table className="w-full text-left text-sm">
      <thead className="text-slate-500">
        <tr>
          <th className="py-2 font-medium">Plan</th>
          <th className="py-2 text-right font-medium">Subscriptions</th>
        </tr>
      </thead>
      <tbody>
        {plans.map((plan) => (
          <tr key={plan.plan} className="border-t border-slate-100">
            <td className="py-2">{plan.plan}</td>
            <td className="py-2 text-right tabular-nums">{plan.count}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
