import Link from 'next/link'
import { notFound } from 'next/navigation'
import { getCustomerDetail } from '@/lib/admin/customer-detail'
import { adminOrNotFound } from '@/lib/auth/page-guards'
import { CustomerActionsCard } from './_components/customer-actions'
import { CustomerGraceCard, CustomerHistoryCards, CustomerPlanCard, CustomerUsageCard } from './_components/customer-sections'

export const dynamic = 'force-dynamic'

export default async function CustomerPage({ params }: { params: Promise<{ id: string }> }) {
  const viewer = await adminOrNotFound()
  const { id } = await params
  const customer = await getCustomerDetail(viewer, id)
  if (!customer) notFound()
  return (
    <>
      <Link href="/admin/customers" className="text-sm text-indigo-700 hover:underline">
        ← Customers
      </Link>
      <h1 className="text-2xl font-bold break-all">{customer.email ?? customer.userId}</h1>
      <p className="font-mono text-xs text-slate-500">
        {customer.stripeCustomerId ?? 'no Stripe customer'} · {customer.userId}
      </p>
      <div className="grid gap-6 lg:grid-cols-2">
        <CustomerPlanCard customer={customer} />
        <CustomerUsageCard customer={customer} />
      </div>
      {viewer.isAdmin && <CustomerActionsCard customer={customer} />}
      <CustomerGraceCard customer={customer} />
      <CustomerHistoryCards customer={customer} />
    </>
  )
}
