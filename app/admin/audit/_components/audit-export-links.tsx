import type { AuditCriteria } from '@/lib/audit/queries'
import { auditQuery } from './audit-url'

export function AuditExportLinks({ criteria }: { criteria: AuditCriteria }) {
  return (
    <div className="flex flex-wrap items-center gap-2 text-sm">
      <span className="text-slate-600">
        Export<span className="sr-only"> the entries matching these filters as</span>
      </span>
      {(['csv', 'ndjson'] as const).map((format) => (
        <a
          key={format}
          href={`/api/admin/audit/export${auditQuery(criteria, { format })}`}
          download
          className="rounded-lg border border-slate-300 px-3 py-1.5 hover:bg-slate-50"
        >
          {format.toUpperCase()}
        </a>
      ))}
    </div>
  )
}
