import { AuditTable } from '@/components/admin/audit-table'
import { Card } from '@/components/ui/card'
import { getAuditLogPage } from '@/lib/audit/admin'
import { auditCriteriaOf, auditFilterSchema } from '@/lib/audit/queries'
import { adminOrNotFound } from '@/lib/auth/page-guards'
import { AuditExportLinks } from './_components/audit-export-links'
import { AuditFilters } from './_components/audit-filters'
import { AuditPager } from './_components/audit-pager'
import { AuditVerify } from './_components/audit-verify'

export const dynamic = 'force-dynamic'

export default async function AuditLogPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await adminOrNotFound()
  const parsed = auditFilterSchema.safeParse(await searchParams)
  const filter = parsed.success ? parsed.data : auditFilterSchema.parse({})
  const criteria = auditCriteriaOf(filter)
  const page = await getAuditLogPage(viewer, filter)
  return (
    <>
      <h1 className="text-2xl font-bold">Billing audit log</h1>
      <AuditVerify last={page.lastVerification} canAct={viewer.isAdmin} />
      {!parsed.success && (
        <p role="alert" className="rounded-lg bg-amber-50 p-3 text-sm text-amber-900">
          Some filters in the address were not valid, so the newest entries are shown. Check the dates and try again.
        </p>
      )}
      <Card title="Filters">
        <AuditFilters criteria={criteria} />
      </Card>
      <Card title="Entries" actions={<AuditExportLinks criteria={criteria} />}>
        <AuditTable rows={page.rows} />
        <AuditPager criteria={criteria} page={page} atNewest={filter.before === undefined && (filter.after === undefined || page.prevCursor === null)} limit={filter.limit} />
      </Card>
    </>
  )
}
