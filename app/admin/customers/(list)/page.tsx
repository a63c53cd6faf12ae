import Link from 'next/link'
import { FilterBar } from '@/components/admin/filter-bar'
import { StatusBadge } from '@/components/admin/status-badge'
import { Card } from '@/components/ui/card'
import { customerSearchSchema, searchCustomers } from '@/lib/admin/customers'
import { adminOrNotFound } from '@/lib/auth/page-guards'

export const dynamic = 'force-dynamic'

export default async function CustomersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await adminOrNotFound()
  const { q } = customerSearchSchema.parse(await searchParams)
  const customers = await searchCustomers(viewer, q)
  return (
    <>
      <h1 className="text-2xl font-bold">Customers</h1>
      <FilterBar action="/admin/customers">
        <label className="flex min-w-64 flex-1 flex-col text-sm">
          Email (beginning) or Stripe customer id
          <input type="search" name="q" defaultValue={q ?? ''} placeholder="alice@ or cus_…" className="mt-1 rounded border border-slate-300 px-2 py-1.5" />
        </label>
      </FilterBar>
      <Card title={q ? `Customers matching “${q}”` : 'Newest customers'}>
        {customers.length === 0 ? (
          <p className="text-slate-600">No customer matches. Check the spelling, or search by the Stripe id (cus_…).</p>
        ) : (
          <ul className="divide-y divide-slate-100">
            {customers.map((customer) => (
              <li key={customer.userId} className="flex flex-wrap items-center justify-between gap-2 py-3 text-sm">
                <Link href={`/admin/customers/${customer.userId}`} className="font-medium text-indigo-700 hover:underline">
                  {customer.email ?? customer.userId}
                </Link>
                <span className="font-mono text-xs text-slate-500">{customer.stripeCustomerId}</span>
                <span className="flex items-center gap-2">
                  {customer.planName ?? 'No plan'}
                  {customer.subscriptionStatus && <StatusBadge status={customer.subscriptionStatus} />}
                </span>
              </li>
            ))}
          </ul>
        )}
      </Card>
    </>
  )
}
