import { LocalDate } from '@/components/ui/local-date'
import type { NotificationRow } from '@/lib/notifications/queries'
import { StatusBadge } from './status-badge'
import { ScrollBox } from '@/components/ui/scroll-box'

export function NotificationsTable({ rows, showRecipient = true }: { rows: NotificationRow[]; showRecipient?: boolean }) {
  if (rows.length === 0) return <p className="text-slate-600">No messages match.</p>
  return (
    <ScrollBox label="Notifications table">
      <table className="w-full min-w-[36rem] text-left text-sm">
        <thead className="text-slate-500">
          <tr>
            <th className="py-2 font-medium">Queued</th>
            <th className="py-2 font-medium">Kind</th>
            {showRecipient && <th className="py-2 font-medium">Recipient</th>}
            <th className="py-2 font-medium">Status</th>
            <th className="py-2 text-right font-medium">Attempts</th>
            <th className="py-2 pl-4 font-medium">Sent / error</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id} className="border-t border-slate-100 align-top" data-testid="notification">
              <td className="py-2 whitespace-nowrap">
                <LocalDate value={row.createdAt} withTime />
              </td>
              <td className="py-2 font-mono text-xs">{row.kind}</td>
              {showRecipient && <td className="py-2">{row.recipient ?? row.userId ?? '—'}</td>}
              <td className="py-2">
                <StatusBadge status={row.status} />
              </td>
              <td className="py-2 text-right">{row.attempts}</td>
              <td className="py-2 pl-4 text-xs">
                {row.sentAt ? <LocalDate value={row.sentAt} withTime /> : <span className="text-red-700">{row.lastError ?? ''}</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollBox>
  )
}
