import { Suspense } from 'react'
import { CardOnFile } from '@/components/billing/card-on-file'
import { CurrentPlan } from '@/components/billing/current-plan'
import { InvoiceTable } from '@/components/billing/invoice-table'
import { UsageMeters } from '@/components/billing/usage-meters'
import { Skeleton } from '@/components/ui/card'
import { viewerOrSignIn } from '@/lib/auth/page-guards'
import { getInvoicePage } from '@/lib/billing/invoices'
import { getBillingOverview } from '@/lib/billing/queries'
import { getUsageSummary } from '@/lib/usage/queries'
import { PaymentMethodCard } from './_components/payment-method-card'
import { PlanPicker } from './_components/plan-picker'

export const dynamic = 'force-dynamic'

type Search = { card?: string | string[]; invoices?: string | string[] }

export default async function BillingPage({ searchParams }: { searchParams: Promise<Search> }) {
  const viewer = await viewerOrSignIn()
  const { card, invoices: cursor } = await searchParams
  const [overview, usage, invoicePage] = await Promise.all([
    getBillingOverview(viewer),
    getUsageSummary(viewer.id),
    getInvoicePage(viewer, { cursor: typeof cursor === 'string' ? cursor : null }),
  ])
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">Billing</h1>
      <CurrentPlan subscription={overview.subscription} plan={overview.plan} />
      <UsageMeters usage={usage} />
      <PlanPicker plans={overview.plans} currentPriceId={overview.subscription?.priceId ?? null} />
      {overview.subscription && (
        <PaymentMethodCard justUpdated={card === 'updated'}>
          <Suspense fallback={<Skeleton className="h-5 w-64" />}>
            <CardOnFile viewer={viewer} />
          </Suspense>
        </PaymentMethodCard>
      )}
      <div id="invoices">
        <InvoiceTable invoices={invoicePage.invoices} nextCursor={invoicePage.nextCursor} isFirstPage={typeof cursor !== 'string'} />
      </div>
    </div>
  )
}
