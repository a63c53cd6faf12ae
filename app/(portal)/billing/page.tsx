import { Suspense } from 'react'
import { CardOnFile, loadCardOnFile } from '@/components/billing/card-on-file'
import { InvoiceTable } from '@/components/billing/invoice-table'
import { UsageMeters } from '@/components/billing/usage-meters'
import { Skeleton } from '@/components/ui/card'
import { viewerOrSignIn } from '@/lib/auth/page-guards'
import { getInvoicePage } from '@/lib/billing/invoices'
import { getBillingOverview } from '@/lib/billing/queries'
import { getUsageSummary } from '@/lib/usage/queries'
import { BillingDetailsCard, loadBillingDetails } from './_components/billing-details-card'
import { PaymentMethodCard } from './_components/payment-method-card'
import { PlanCheckoutReturn } from './_components/plan-checkout-return'
import { PlanSection } from './_components/plan-section'

export const dynamic = 'force-dynamic'

type Search = { card?: string | string[]; checkout?: string | string[]; invoices?: string | string[] }

export default async function BillingPage({ searchParams }: { searchParams: Promise<Search> }) {
  const viewer = await viewerOrSignIn()
  const { card, checkout, invoices: cursor } = await searchParams
  // Stripe answers while the database does.
  const cardOnFile = loadCardOnFile(viewer)
  const billingDetails = loadBillingDetails(viewer)
  const [overview, usage, invoicePage] = await Promise.all([
    getBillingOverview(viewer),
    getUsageSummary(viewer.id),
    getInvoicePage(viewer, { cursor: typeof cursor === 'string' ? cursor : null }),
  ])
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">Billing</h1>
      {(checkout === 'success' || checkout === 'canceled') && <PlanCheckoutReturn outcome={checkout} subscribed={overview.subscription !== null} />}
      <PlanSection overview={overview} seatsInUse={usage.metrics.find((metric) => metric.metric === 'seats')?.used ?? 0} />
      <UsageMeters usage={usage} />
      {overview.subscription && (
        <PaymentMethodCard justUpdated={card === 'updated'}>
          <Suspense fallback={<Skeleton className="h-5 w-64" />}>
            <CardOnFile card={cardOnFile} />
          </Suspense>
        </PaymentMethodCard>
      )}
      <BillingDetailsCard details={billingDetails} />
      <div id="invoices">
        <InvoiceTable invoices={invoicePage.invoices} nextCursor={invoicePage.nextCursor} isFirstPage={typeof cursor !== 'string'} />
      </div>
    </div>
  )
}
