import Link from 'next/link'
import { FilterBar, SelectFilter } from '@/components/admin/filter-bar'
import { NotificationsTable } from '@/components/admin/notifications-table'
import { Card } from '@/components/ui/card'
import { adminOrNotFound } from '@/lib/auth/page-guards'
import { listNotifications, NOTIFICATION_STATUSES, notificationFilterSchema } from '@/lib/notifications/queries'

export const dynamic = 'force-dynamic'

export default async function NotificationsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await adminOrNotFound()
  const filter = notificationFilterSchema.parse(await searchParams)
  const page = await listNotifications(viewer, filter)
  const kept: Record<string, string> = filter.status ? { status: filter.status } : {}
  return (
    <>
      <h1 className="text-2xl font-bold">Notifications</h1>
      <p className="text-sm text-slate-600">The outbox of messages to customers: what was sent, what is waiting, and what failed with which error.</p>
      <FilterBar action="/admin/notifications">
        <SelectFilter name="status" label="Status" value={filter.status} options={NOTIFICATION_STATUSES} />
      </FilterBar>
      <Card title="Outbox" actions={filter.after ? <Link href={`/admin/notifications?${new URLSearchParams(kept)}`} className="text-sm text-indigo-700 hover:underline">Newest</Link> : undefined}>
        <NotificationsTable rows={page.rows} />
        {page.nextCursor && (
          <Link href={`/admin/notifications?${new URLSearchParams({ ...kept, after: page.nextCursor })}`} className="mt-4 inline-block text-sm text-indigo-700 hover:underline">
            Older messages
          </Link>
        )}
      </Card>
    </>
  )
}
