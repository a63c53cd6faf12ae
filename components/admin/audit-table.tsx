import { LocalDate } from '@/components/ui/local-date'
import { changedFields } from '@/lib/audit/changed-fields'
import type { AuditLogRow } from '@/lib/audit/queries'

const MAX_VALUE_LENGTH = 60

function show(value: unknown): string {
  if (value === null || value === undefined) return '—'
  const text = typeof value === 'string' ? value : JSON.stringify(value)
  return text.length > MAX_VALUE_LENGTH ? `${text.slice(0, MAX_VALUE_LENGTH)}…` : text
}

function Changes({ row }: { row: AuditLogRow }) {
  const changes = changedFields(row.before, row.after)
  if (changes.length === 0) return <span className="text-slate-400">no field changed</span>
  return (
    <ul>
      {changes.map((change) => (
        <li key={change.field}>
          {change.field && <span className="font-medium">{change.field}: </span>}
          {row.before !== null && <span className="text-slate-500">{show(change.from)} → </span>}
          <span>{show(change.to)}</span>
        </li>
      ))}
    </ul>
  )
}

export function AuditTable({ rows }: { rows: AuditLogRow[] }) {
  if (rows.length === 0) return <p className="text-slate-600">No entries match.</p>
  return (
    <table className="w-full table-fixed text-left text-sm">
      <thead className="text-slate-500">
        <tr>
          <th className="w-44 py-2 font-medium">When</th>
          <th className="w-52 py-2 font-medium">Action</th>
          <th className="w-36 py-2 font-medium">Actor</th>
          <th className="w-44 py-2 font-medium">Subject</th>
          <th className="py-2 font-medium">Change</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.id} className="border-t border-slate-100 align-top" data-testid="audit-row">
            <td className="py-2">
              <LocalDate value={row.occurredAt} withTime />
            </td>
            <td className="py-2 font-mono text-xs">{row.action}</td>
            <td className="truncate py-2 text-xs" title={row.actorId ?? ''}>
              {row.actorType}
              {row.actorId ? `: ${row.actorId}` : ''}
            </td>
            <td className="truncate py-2 font-mono text-xs" title={`${row.subjectType} ${row.subjectId}`}>
              {row.subjectType} {row.subjectId}
            </td>
            <td className="py-2 font-mono text-xs break-all">
              <Changes row={row} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
