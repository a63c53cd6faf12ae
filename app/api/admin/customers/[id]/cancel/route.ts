// GET /api/admin/customers/:id/cancel?when=now|period_end – which subscription would end, and when
// POST /api/admin/customers/:id/cancel – cancel it now or at the period end, once per idempotency key (admins only)
import { NextResponse } from 'next/server'
import { z } from 'zod'
import { cancelCustomerSubscription, cancelInput, cancelPreviewInput, previewCancel } from '@/lib/admin/cancel-subscription'
import { adminRoute } from '@/lib/auth/admin-route'
import { readJson } from '@/lib/http/route'

type Context = { params: Promise<{ id: string }> }
const params = z.object({ id: z.uuid() })

export const GET = adminRoute(async (viewer, request: Request, context: Context) => {
  const { id } = params.parse(await context.params)
  return NextResponse.json(await previewCancel(viewer, id, cancelPreviewInput.parse(Object.fromEntries(new URL(request.url).searchParams))))
})

export const POST = adminRoute(async (admin, request: Request, context: Context) => {
  const { id } = params.parse(await context.params)
  return NextResponse.json(await cancelCustomerSubscription(admin, id, cancelInput.parse(await readJson(request))))
})
