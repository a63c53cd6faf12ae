// GET /api/admin/audit/export – stream the audit entries matching the page's filters as CSV or NDJSON (admins only)
import { exportAuditLog } from '@/lib/audit/admin'
import { auditExportFileName, auditExportFormatSchema } from '@/lib/audit/export'
import { auditCriteriaOf, auditFilterSchema } from '@/lib/audit/queries'
import { adminRoute } from '@/lib/auth/admin-route'
import { now } from '@/lib/clock'

const CONTENT_TYPES = { csv: 'text/csv; charset=utf-8', ndjson: 'application/x-ndjson; charset=utf-8' }

export const dynamic = 'force-dynamic'

export const GET = adminRoute(async (admin, request: Request) => {
  const params = Object.fromEntries(new URL(request.url).searchParams)
  const query = auditFilterSchema.extend({ format: auditExportFormatSchema }).parse(params)
  const body = exportAuditLog(admin, auditCriteriaOf(query), query.format)
  return new Response(body, {
    headers: {
      'content-type': CONTENT_TYPES[query.format],
      'content-disposition': `attachment; filename="${auditExportFileName(query.format, now())}"`,
      'cache-control': 'no-store',
    },
  })
})
