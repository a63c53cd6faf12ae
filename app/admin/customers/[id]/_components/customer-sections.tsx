import { AuditTable } from '@/components/admin/audit-table'
import { NotificationsTable } from '@/components/admin/notifications-table'
import { StatusBadge } from '@/components/admin/status-badge'
import { DiscountTerms } from '@/components/billing/discount-terms'
import { InvoiceTable } from '@/components/billing/invoice-table'
import { Card } from '@/components/ui/card'
import { LocalDate } from '@/components/ui/local-date'
import type { CustomerDetail } from '@/lib/admin/customer-detail'
import { formatMoney } from '@/lib/format'

export function CustomerPlanCard({ customer }: { customer: CustomerDetail }) {
  const { subscription, plan } = customer
  return (
    <Card title="Plan">
      {!subscription ? (
        <p className="text-slate-600">No live subscription: the customer is on the free tier or has cancelled.</p>
      ) : (
        <dl className="grid gap-2 text-sm sm:grid-cols-2">
          <dt className="text-slate-500">Plan</dt>
          <dd>{plan ? `${plan.name} · ${formatMoney(plan.unitAmount, plan.currency)} / ${plan.interval}` : subscription.priceId}</dd>
          <dt className="text-slate-500">Status</dt>
          <dd>
            <StatusBadge status={subscription.status} /> {subscription.cancelAtPeriodEnd && 'cancels at period end'}
          </dd>
          <dt className="text-slate-500">Current period</dt>
          <dd>
            {subscription.currentPeriodStart && <LocalDate value={subscription.currentPeriodStart} />} –{' '}
            {subscription.currentPeriodEnd && <LocalDate value={subscription.currentPeriodEnd} />}
          </dd>
          {subscription.discounts.map((discount) => (
            <div key={discount.id} className="contents">
              <dt className="text-slate-500">Discount</dt>
              <dd><DiscountTerms coupon={discount.coupon} code={discount.promotionCode} end={discount.end} /></dd>
            </div>
          ))}
          <dt className="text-slate-500">Subscription</dt>
          <dd className="font-mono text-xs">{subscription.id}</dd>
        </dl>
      )}
      {customer.cancellations.length > 0 && (
        <ul className="mt-4 space-y-1 border-t border-slate-100 pt-3 text-sm" aria-label="Cancellation requests">
          {customer.cancellations.map((cancellation) => (
            <li key={cancellation.requestedAt.toISOString()} data-testid="cancellation">
              Asked to cancel <LocalDate value={cancellation.requestedAt} withTime />: {cancellation.reason ? `“${cancellation.reason}”` : 'no reason given'}
              {cancellation.resumedAt && <span className="text-slate-500"> · resumed <LocalDate value={cancellation.resumedAt} /></span>}
            </li>
          ))}
        </ul>
      )}
    </Card>
  )
}

export function CustomerUsageCard({ customer }: { customer: CustomerDetail }) {
  const { usage } = customer
  return (
    <Card title="Usage this period">
      {usage.metrics.length === 0 ? (
        <p className="text-slate-600">Nothing metered yet this period.</p>
      ) : (
        <table className="w-full text-left text-sm">
          <caption className="mb-2 text-left text-xs text-slate-500">
            <LocalDate value={usage.period.start} /> – <LocalDate value={usage.period.end} />
          </caption>
          <thead className="text-slate-500">
            <tr>
              <th className="py-1 font-medium">Metric</th>
              <th className="py-1 text-right font-medium">Used</th>
              <th className="py-1 text-right font-medium">Quota</th>
            </tr>
          </thead>
          <tbody>
            {usage.metrics.map((metric) => (
              <tr key={metric.metric} className="border-t border-slate-100">
                <td className="py-1 font-mono text-xs">{metric.metric}</td>
                <td className="py-1 text-right">{metric.used.toLocaleString()}</td>
                <td className="py-1 text-right">{metric.limit === null ? 'unlimited' : metric.limit.toLocaleString()}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Card>
  )
}

export function CustomerGraceCard({ customer }: { customer: CustomerDetail }) {
  return (
    <Card title="Grace periods">
      {customer.gracePeriods.length === 0 ? (
        <p className="text-slate-600">No failed payment has opened a grace period.</p>
      ) : (
        <ul className="divide-y divide-slate-100 text-sm">
          {customer.gracePeriods.map((period) => (
            <li key={period.id} className="flex flex-wrap gap-3 py-2">
              <StatusBadge status={period.status} />
              <span>
                <LocalDate value={period.startedAt} /> → <LocalDate value={period.endsAt} />
              </span>
              {period.amountDue !== null && period.currency && <span>{formatMoney(period.amountDue, period.currency)} due</span>}
              {period.closedReason && <span className="text-slate-500">{period.closedReason.replaceAll('_', ' ')}</span>}
            </li>
          ))}
        </ul>
      )}
    </Card>
  )
}

export function CustomerHistoryCards({ customer }: { customer: CustomerDetail }) {
  return (
    <>
      <InvoiceTable invoices={customer.invoices} />
      <Card title="Notifications">
        <NotificationsTable rows={customer.notifications} showRecipient={false} />
      </Card>
      <Card title="Audit trail">
        <AuditTable rows={customer.audit} />
      </Card>
    </>
  )
}
