import { StatusBadge } from '@/components/admin/status-badge'
import { LocalDate } from '@/components/ui/local-date'
import { ScrollBox } from '@/components/ui/scroll-box'
import type { WebhookEventRow } from '@/lib/webhooks/queries'

function latency(ms: number | null): string {
  if (ms === null) return '—'
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`
}

export function WebhookEventsTable({ rows }: { rows: WebhookEventRow[] }) {
  if (rows.length === 0) return <p className="text-slate-600">No events match these filters. Clear a filter to see more.</p>
  return (
    <ScrollBox label="Webhook events table">
      <table className="w-full min-w-[40rem] text-left text-sm">
        <thead className="text-slate-500">
          <tr>
            <th className="py-2 font-medium">Received</th>
            <th className="py-2 font-medium">Type</th>
            <th className="py-2 font-medium">Status</th>
            <th className="py-2 text-right font-medium">Attempts</th>
            <th className="py-2 text-right font-medium">Latency</th>
            <th className="py-2 pl-4 font-medium">Last error</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id} className="border-t border-slate-100 align-top" data-testid="webhook-event">
              <td className="py-2 whitespace-nowrap">
                <LocalDate value={row.receivedAt} withTime />
              </td>
              <td className="py-2 font-mono text-xs" title={row.id}>
                {row.type}
              </td>
              <td className="py-2">
                <StatusBadge status={row.status} />
              </td>
              <td className="py-2 text-right">{row.attempts}</td>
              <td className="py-2 text-right">{latency(row.latencyMs)}</td>
              <td className="max-w-xs truncate py-2 pl-4 text-xs text-red-700" title={row.lastError ?? ''}>
                {row.lastError ?? ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollBox>
  )
}
