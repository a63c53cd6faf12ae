// GET /api/admin/customers/:id/grace/end?gracePeriodId= – the grace period ending would close
// POST /api/admin/customers/:id/grace/end – end an open or expired grace period as a comp, once per idempotency key (admins only)
import { NextResponse } from 'next/server'
import { z } from 'zod'
import { endGracePeriod, graceEndInput, graceEndPreviewInput, previewGraceEnd } from '@/lib/admin/grace-actions'
import { adminRoute } from '@/lib/auth/admin-route'
import { readJson } from '@/lib/http/route'

type Context = { params: Promise<{ id: string }> }
const params = z.object({ id: z.uuid() })

export const GET = adminRoute(async (viewer, request: Request, context: Context) => {
  const { id } = params.parse(await context.params)
  return NextResponse.json(await previewGraceEnd(viewer, id, graceEndPreviewInput.parse(Object.fromEntries(new URL(request.url).searchParams))))
})

export const POST = adminRoute(async (admin, request: Request, context: Context) => {
  const { id } = params.parse(await context.params)
  return NextResponse.json(await endGracePeriod(admin, id, graceEndInput.parse(await readJson(request))))
})
