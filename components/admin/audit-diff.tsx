'use client'

import { useState } from 'react'
import type { ChangeText } from '@/lib/audit/changed-fields'

/**
 * An entry's change, collapsed to a one-line summary that expands to each field before and after (styled in
 * globals.css). The table is drawn when opened: drawn on the server for every entry of a page of fifty, it was a
 * third of the audit page's time, for tables most readers never open.
 */
export function AuditDiff({ entryId, changes, context }: { entryId: number; changes: ChangeText[]; context: string | null }) {
  const [open, setOpen] = useState(false)
  if (changes.length === 0) return <span className="text-slate-400">no field changed</span>
  const summary = changes.map((change) => change.field || 'value').join(', ')
  return (
    <details className="group" onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary className="cursor-pointer truncate text-indigo-700 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-600">
        {`${changes.length} ${changes.length === 1 ? 'field' : 'fields'}: ${summary}`}
      </summary>
      {open && (
        <>
          <table className="audit-diff mt-2 w-full table-fixed text-left" aria-label={`Changes of entry ${entryId}`}>
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
                  <td className="text-red-800">{change.from}</td>
                  <td className="text-emerald-800">{change.to}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {context && <p className="mt-2 break-all text-slate-500">{`context: ${context}`}</p>}
        </>
      )}
    </details>
  )
}
