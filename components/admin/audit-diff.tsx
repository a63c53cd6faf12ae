import { changedFields } from '@/lib/audit/changed-fields'
import type { AuditLogRow } from '@/lib/audit/queries'

function show(value: unknown): string {
  if (value === null || value === undefined) return '—'
  return typeof value === 'string' ? value : JSON.stringify(value, null, 2)
}

/** An entry's change, collapsed to a one-line summary that expands to each field before and after (styled in globals.css). */
export function AuditDiff({ row }: { row: AuditLogRow }) {
  const changes = changedFields(row.before, row.after)
  if (changes.length === 0) return <span className="text-slate-400">no field changed</span>
  const summary = changes.map((change) => change.field || 'value').join(', ')
  return (
    <details className="group">
      <summary className="cursor-pointer truncate text-indigo-700 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-600">
        {`${changes.length} ${changes.length === 1 ? 'field' : 'fields'}: ${summary}`}
      </summary>
      <table className="audit-diff mt-2 w-full table-fixed text-left" aria-label={`Changes of entry ${row.id}`}>
        <thead className="text-slate-500">
          <tr>
            <th className="w-1/4">Field</th>
            <th>Before</th>
            <th>After</th>
          </tr>
        </thead>
        <tbody>
          {changes.map((change) => (
            <tr key={change.field} data-testid="audit-diff-row">
              <td className="font-medium">{change.field || '(value)'}</td>
              <td className="text-red-800">{show(change.from)}</td>
              <td className="text-emerald-800">{show(change.to)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {Object.keys(row.context ?? {}).length > 0 && <p className="mt-2 break-all text-slate-500">{`context: ${JSON.stringify(row.context)}`}</p>}
    </details>
  )
}
