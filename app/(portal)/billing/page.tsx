import { CurrentPlan } from '@/components/billing/current-plan'
import { InvoiceTable } from '@/components/billing/invoice-table'
import { viewerOrSignIn } from '@/lib/auth/page-guards'
import { getBillingOverview } from '@/lib/billing/queries'
import { PaymentMethodCard } from './_components/payment-method-card'
import { PlanPicker } from './_components/plan-picker'

export const dynamic = 'force-dynamic'

export default async function BillingPage({ searchParams }: { searchParams: Promise<{ card?: string | string[] }> }) {
  const viewer = await viewerOrSignIn()
  const { card } = await searchParams
  const overview = await getBillingOverview(viewer)
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">Billing</h1>
      <CurrentPlan subscription={overview.subscription} plan={overview.plan} />
      <PlanPicker plans={overview.plans} currentPriceId={overview.subscription?.priceId ?? null} />
      {overview.subscription && <PaymentMethodCard justUpdated={card === 'updated'} />}
      <InvoiceTable invoices={overview.invoices} />
    </div>
  )
}
