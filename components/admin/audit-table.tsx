import { LocalDate } from '@/components/ui/local-date'
import { changeTexts } from '@/lib/audit/changed-fields'
import type { AuditLogRow } from '@/lib/audit/queries'
import { AuditDiff } from './audit-diff'
import { ScrollBox } from '@/components/ui/scroll-box'

export function AuditTable({ rows }: { rows: AuditLogRow[] }) {
  if (rows.length === 0) return <p className="text-slate-600">No entries match these filters. Widen the dates or clear a filter.</p>
  return (
    <ScrollBox label="Audit entries table">
      <table className="audit-entries w-full min-w-[44rem] table-fixed text-left text-sm">
        <thead className="text-slate-500">
          <tr>
            <th className="w-16 py-2 font-medium">#</th>
            <th className="w-40 py-2 font-medium">When</th>
            <th className="w-48 py-2 font-medium">Action</th>
            <th className="w-36 py-2 font-medium">Actor</th>
            <th className="w-44 py-2 font-medium">Subject</th>
            <th className="py-2 font-medium">Change</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id} data-testid="audit-row">
              <td className="text-xs text-slate-500 tabular-nums" title={`id ${row.id}`}>
                {row.chainPosition ?? '—'}
              </td>
              <td>
                <LocalDate value={row.occurredAt} withTime />
              </td>
              <td className="font-mono text-xs break-all">{row.action}</td>
              <td className="truncate text-xs" title={row.actorId ?? ''}>
                {row.actorId ? `${row.actorType}: ${row.actorId}` : row.actorType}
              </td>
              <td className="truncate font-mono text-xs" title={`${row.subjectType} ${row.subjectId}`}>
                {`${row.subjectType} ${row.subjectId}`}
              </td>
              <td className="font-mono text-xs">
                <AuditDiff
                  entryId={row.id}
                  changes={changeTexts(row.before, row.after)}
                  context={Object.keys(row.context ?? {}).length > 0 ? JSON.stringify(row.context) : null}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollBox>
  )
}
