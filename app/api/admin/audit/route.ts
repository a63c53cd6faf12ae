// GET /api/admin/audit – a page of the billing audit log (admins only), newest first, keyset-paginated
import { NextResponse } from 'next/server'
import { getAuditLogPage } from '@/lib/audit/admin'
import { auditFilterSchema } from '@/lib/audit/queries'
import { requireAdmin } from '@/lib/auth/session'
import { handleRoute } from '@/lib/http/route'

export const GET = handleRoute(async (request: Request) => {
  const viewer = await requireAdmin()
  const filter = auditFilterSchema.parse(Object.fromEntries(new URL(request.url).searchParams))
  return NextResponse.json(await getAuditLogPage(viewer, filter))
})
