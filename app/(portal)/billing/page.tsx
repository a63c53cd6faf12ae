import { InvoiceTable } from '@/components/billing/invoice-table'
import { viewerOrSignIn } from '@/lib/auth/page-guards'
import { getBillingOverview } from '@/lib/billing/queries'
import { PaymentMethodCard } from './_components/payment-method-card'
import { PlanCheckoutReturn } from './_components/plan-checkout-return'
import { PlanSection } from './_components/plan-section'

export const dynamic = 'force-dynamic'

type Search = { card?: string | string[]; checkout?: string | string[] }

export default async function BillingPage({ searchParams }: { searchParams: Promise<Search> }) {
  const viewer = await viewerOrSignIn()
  const { card, checkout } = await searchParams
  const overview = await getBillingOverview(viewer)
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">Billing</h1>
      {(checkout === 'success' || checkout === 'canceled') && <PlanCheckoutReturn outcome={checkout} subscribed={overview.subscription !== null} />}
      <PlanSection overview={overview} />
      {overview.subscription && <PaymentMethodCard justUpdated={card === 'updated'} />}
      <InvoiceTable invoices={overview.invoices} />
    </div>
  )
}
