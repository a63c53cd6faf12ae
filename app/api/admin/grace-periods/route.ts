// GET /api/admin/grace-periods?status=open|expired – grace periods bearing on access now, their counts and
// whether enforcement is on (admins only)
import { NextResponse } from 'next/server'
import { z } from 'zod'
import { adminRoute } from '@/lib/auth/admin-route'
import { listGracePeriodsForAdmin } from '@/lib/admin/grace-periods'

const query = z
  .object({
    status: z.enum(['open', 'expired']).default('open'),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict()

export const GET = adminRoute(async (admin, request: Request) => {
  const { status, limit } = query.parse(Object.fromEntries(new URL(request.url).searchParams))
  return NextResponse.json(await listGracePeriodsForAdmin(admin, status, limit))
})
