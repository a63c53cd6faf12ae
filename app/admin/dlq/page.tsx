import Link from 'next/link'
import { AdminQueryProvider } from '@/app/admin/_components/query-provider'
import { Card } from '@/components/ui/card'
import { adminOrNotFound } from '@/lib/auth/page-guards'
import type { Json } from '@/lib/http/json'
import { getDeadEventPage, listDeadEventTypes, webhookFilterSchema, type DeadEventPage } from '@/lib/webhooks/queries'
import { DeadLetterQueue } from './_components/dead-letter-queue'

export const dynamic = 'force-dynamic'

export default async function DeadLetterPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await adminOrNotFound()
  const filter = webhookFilterSchema.parse(await searchParams)
  const [page, types] = await Promise.all([getDeadEventPage(viewer, filter), listDeadEventTypes(viewer)])
  const initialPage: Json<DeadEventPage> = JSON.parse(JSON.stringify(page))
  return (
    <>
      <h1 className="text-2xl font-bold">Dead-letter queue</h1>
      <p className="text-sm text-slate-600">Webhook events that failed every retry. Replay once the cause is fixed, or discard with a reason.</p>
      <nav aria-label="Event types" className="flex flex-wrap gap-2 text-sm">
        <Link href="/admin/dlq" aria-current={!filter.type ? 'page' : undefined} className={`rounded-full border px-3 py-1 ${!filter.type ? 'border-indigo-600 bg-indigo-50' : 'border-slate-300'}`}>
          All types
        </Link>
        {types.map(({ type, count }) => (
          <Link key={type} href={`/admin/dlq?type=${encodeURIComponent(type)}`} aria-current={filter.type === type ? 'page' : undefined} className={`rounded-full border px-3 py-1 font-mono text-xs ${filter.type === type ? 'border-indigo-600 bg-indigo-50' : 'border-slate-300'}`}>
            {type} ({count})
          </Link>
        ))}
      </nav>
      <Card title="Dead events">
        <AdminQueryProvider>
          <DeadLetterQueue type={filter.type} after={filter.after} initialPage={initialPage} canAct={viewer.isAdmin} />
        </AdminQueryProvider>
      </Card>
    </>
  )
}
