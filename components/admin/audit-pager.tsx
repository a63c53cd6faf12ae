import Link from 'next/link'
import type { AuditCriteria, AuditPage } from '@/lib/audit/queries'
import { auditQuery } from './audit-url'

const LINK = 'rounded-lg border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-50'

export function AuditPager({ criteria, page, atNewest }: { criteria: AuditCriteria; page: AuditPage; atNewest: boolean }) {
  if (atNewest && page.nextCursor === null) return null
  return (
    <nav aria-label="Audit log pages" className="mt-4 flex flex-wrap gap-2">
      {!atNewest && (
        <Link href={`/admin/audit${auditQuery(criteria)}`} className={LINK}>
          Newest
        </Link>
      )}
      {page.prevCursor !== null && (
        <Link href={`/admin/audit${auditQuery(criteria, { after: page.prevCursor })}`} className={LINK} rel="prev">
          Newer entries
        </Link>
      )}
      {page.nextCursor !== null && (
        <Link href={`/admin/audit${auditQuery(criteria, { before: page.nextCursor })}`} className={LINK} rel="next">
          Older entries
        </Link>
      )}
    </nav>
  )
}
