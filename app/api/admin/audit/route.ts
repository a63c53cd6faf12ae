// GET /api/admin/audit – a page of the billing audit log (admins only), newest first, keyset-paginated
import { NextResponse } from 'next/server'
import { getAuditLogPage } from '@/lib/audit/admin'
import { auditFilterSchema } from '@/lib/audit/queries'
import { adminRoute } from '@/lib/auth/admin-route'

export const GET = adminRoute(async (admin, request: Request) => {
  const filter = auditFilterSchema.parse(Object.fromEntries(new URL(request.url).searchParams))
  return NextResponse.json(await getAuditLogPage(admin, filter))
})
