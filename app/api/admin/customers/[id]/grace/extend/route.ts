// GET /api/admin/customers/:id/grace/extend?gracePeriodId=&days= – the deadline an extension would give
// POST /api/admin/customers/:id/grace/extend – move an open grace period's deadline later, once per idempotency key (admins only)
import { NextResponse } from 'next/server'
import { z } from 'zod'
import { extendGracePeriod, graceExtendInput, graceExtendPreviewInput, previewGraceExtension } from '@/lib/admin/grace-actions'
import { adminRoute } from '@/lib/auth/admin-route'
import { readJson } from '@/lib/http/route'

type Context = { params: Promise<{ id: string }> }
const params = z.object({ id: z.uuid() })

export const GET = adminRoute(async (viewer, request: Request, context: Context) => {
  const { id } = params.parse(await context.params)
  return NextResponse.json(await previewGraceExtension(viewer, id, graceExtendPreviewInput.parse(Object.fromEntries(new URL(request.url).searchParams))))
})

export const POST = adminRoute(async (admin, request: Request, context: Context) => {
  const { id } = params.parse(await context.params)
  return NextResponse.json(await extendGracePeriod(admin, id, graceExtendInput.parse(await readJson(request))))
})
