import { Card } from '@/components/ui/card'
import { LocalDate } from '@/components/ui/local-date'
import type { CustomerDetail } from '@/lib/admin/customer-detail'
import { formatMoney } from '@/lib/format'
import { CancelDialog } from './cancel-dialog'
import { CompDialog } from './comp-dialog'
import { CreditDialog } from './credit-dialog'
import { GraceActionDialog } from './grace-action-dialog'
import { InvoiceActionDialog } from './invoice-action-dialog'
import { PlanChangeDialog } from './plan-change-dialog'
import { RefundDialog } from './refund-dialog'

/** Plans change only on a subscription in good standing, for an admin as for the customer (settle a failed payment first). */
const IN_GOOD_STANDING = new Set(['active', 'trialing'])

/** What an admin may do for this customer; the page renders it for the admin role only. */
export function CustomerActionsCard({ customer }: { customer: CustomerDetail }) {
  if (!customer.stripeCustomerId) return null
  const paid = customer.invoices.filter((invoice) => invoice.status === 'paid' && invoice.amountPaid > 0)
  const grace = customer.gracePeriods.filter((period) => period.status === 'open' || period.status === 'expired')
  const unpaid = customer.invoices.filter((invoice) => invoice.status === 'open' || invoice.status === 'uncollectible')
  return (
    <Card title="Billing actions">
      <div className="space-y-4 text-sm">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <p className="text-slate-600">Credit the balance: taken off the customer&apos;s next invoices.</p>
          <CreditDialog userId={customer.userId} />
        </div>
        {customer.subscription && (
          <div className="flex flex-wrap items-center justify-between gap-3">
            <p className="text-slate-600">
              {customer.subscription.cancelAtPeriodEnd
                ? 'The subscription ends at the period end.'
                : 'Move the customer to another plan now, comp the plan for some months, or end the subscription now or at the period end.'}
            </p>
            <span className="flex flex-wrap gap-2">
              {customer.subscription.priceId && !customer.subscription.cancelAtPeriodEnd && IN_GOOD_STANDING.has(customer.subscription.status) && (
                <PlanChangeDialog userId={customer.userId} plans={customer.offeredPlans} currentPriceId={customer.subscription.priceId} />
              )}
              <CompDialog userId={customer.userId} />
              <CancelDialog userId={customer.userId} />
            </span>
          </div>
        )}
        {grace.map((period) => (
          <div key={period.id} className="flex flex-wrap items-center justify-between gap-3" data-testid="grace-actions">
            <p>
              Grace period {period.status}: {period.status === 'open' ? 'ends' : 'ended'} <LocalDate value={period.endsAt} />
            </p>
            <span className="flex flex-wrap gap-2">
              {period.status === 'open' && <GraceActionDialog userId={customer.userId} gracePeriodId={period.id} action="extend" />}
              <GraceActionDialog userId={customer.userId} gracePeriodId={period.id} action="end" />
            </span>
          </div>
        ))}
        {unpaid.length > 0 && (
          <div>
            <h3 className="mb-2 font-medium">Unpaid invoices</h3>
            <ul className="divide-y divide-slate-100">
              {unpaid.map((invoice) => {
                const name = invoice.number ?? invoice.id
                return (
                  <li key={invoice.id} className="flex flex-wrap items-center justify-between gap-3 py-2" data-testid="unpaid-invoice">
                    <span>
                      <span className="font-mono text-xs">{name}</span> · {invoice.status} · {formatMoney(invoice.amountDue, invoice.currency)} due
                    </span>
                    <span className="flex flex-wrap gap-2">
                      <InvoiceActionDialog userId={customer.userId} invoiceId={invoice.id} name={name} action="pay" />
                      <InvoiceActionDialog userId={customer.userId} invoiceId={invoice.id} name={name} action="void" />
                      {invoice.status === 'open' && <InvoiceActionDialog userId={customer.userId} invoiceId={invoice.id} name={name} action="mark_uncollectible" />}
                    </span>
                  </li>
                )
              })}
            </ul>
          </div>
        )}
        <div>
          <h3 className="mb-2 font-medium">Refund a paid invoice</h3>
          {paid.length === 0 ? (
            <p className="text-slate-600">No paid invoice to refund.</p>
          ) : (
            <ul className="divide-y divide-slate-100">
              {paid.map((invoice) => {
                const name = invoice.number ?? invoice.id
                return (
                  <li key={invoice.id} className="flex flex-wrap items-center justify-between gap-3 py-2" data-testid="refundable-invoice">
                    <span>
                      <span className="font-mono text-xs">{name}</span> · <LocalDate value={invoice.createdAt} /> · {formatMoney(invoice.amountPaid, invoice.currency)} paid
                    </span>
                    <RefundDialog userId={customer.userId} invoiceId={invoice.id} name={name} />
                  </li>
                )
              })}
            </ul>
          )}
        </div>
      </div>
    </Card>
  )
}
