import Link from 'next/link'
import type { AuditCriteria, AuditPage } from '@/lib/audit/queries'
import { auditQuery } from './audit-url'

const DEFAULT_PAGE_SIZE = 50
const LINK = 'rounded-lg border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-50'

/** Links that keep the filters (and a page size other than the default) and move the keyset cursor. */
export function AuditPager({ criteria, page, atNewest, limit }: { criteria: AuditCriteria; page: AuditPage; atNewest: boolean; limit: number }) {
  if (atNewest && page.nextCursor === null) return null
  const size: Record<string, number> = limit === DEFAULT_PAGE_SIZE ? {} : { limit }
  return (
    <nav aria-label="Audit log pages" className="mt-4 flex flex-wrap gap-2">
      {!atNewest && (
        <Link href={`/admin/audit${auditQuery(criteria, size)}`} className={LINK}>
          Newest
        </Link>
      )}
      {page.prevCursor !== null && (
        <Link href={`/admin/audit${auditQuery(criteria, { ...size, after: page.prevCursor })}`} className={LINK} rel="prev">
          Newer entries
        </Link>
      )}
      {page.nextCursor !== null && (
        <Link href={`/admin/audit${auditQuery(criteria, { ...size, before: page.nextCursor })}`} className={LINK} rel="next">
          Older entries
        </Link>
      )}
    </nav>
  )
}
