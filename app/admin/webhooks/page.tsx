import Link from 'next/link'
import { FilterBar, SelectFilter } from '@/components/admin/filter-bar'
import { Card } from '@/components/ui/card'
import { adminOrNotFound } from '@/lib/auth/page-guards'
import { HANDLED_EVENT_TYPES, listWebhookEvents, WEBHOOK_STATUSES, webhookFilterSchema } from '@/lib/webhooks/queries'
import { WebhookEventsTable } from './_components/webhook-events-table'

export const dynamic = 'force-dynamic'

export default async function WebhookEventsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await adminOrNotFound()
  const filter = webhookFilterSchema.parse(await searchParams)
  const page = await listWebhookEvents(viewer, filter)
  const kept = { ...(filter.type ? { type: filter.type } : {}), ...(filter.status ? { status: filter.status } : {}) }
  return (
    <>
      <h1 className="text-2xl font-bold">Webhook events</h1>
      <FilterBar action="/admin/webhooks">
        <label className="flex flex-col text-sm">
          Type
          <input name="type" list="event-types" defaultValue={filter.type ?? ''} placeholder="invoice.paid" className="mt-1 rounded border border-slate-300 px-2 py-1.5 font-mono text-xs" />
          <datalist id="event-types">
            {HANDLED_EVENT_TYPES.map((type) => (
              <option key={type} value={type} />
            ))}
          </datalist>
        </label>
        <SelectFilter name="status" label="Status" value={filter.status} options={WEBHOOK_STATUSES} />
      </FilterBar>
      <Card title="Recent events" actions={filter.after ? <Link href={`/admin/webhooks?${new URLSearchParams(kept)}`} className="text-sm text-indigo-700 hover:underline">Newest</Link> : undefined}>
        <WebhookEventsTable rows={page.rows} />
        {page.nextCursor && (
          <Link href={`/admin/webhooks?${new URLSearchParams({ ...kept, after: page.nextCursor })}`} className="mt-4 inline-block text-sm text-indigo-700 hover:underline">
            Older events
          </Link>
        )}
      </Card>
    </>
  )
}
