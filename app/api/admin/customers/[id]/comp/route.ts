// GET /api/admin/customers/:id/comp?months= – which plan's invoices a comp would make free, and from when
// POST /api/admin/customers/:id/comp – comp the subscription with a 100 % coupon for N months, once per idempotency key (admins only)
import { NextResponse } from 'next/server'
import { z } from 'zod'
import { compCustomerSubscription, compInput, compPreviewInput, previewComp } from '@/lib/admin/comp-subscription'
import { adminRoute } from '@/lib/auth/admin-route'
import { readJson } from '@/lib/http/route'

type Context = { params: Promise<{ id: string }> }
const params = z.object({ id: z.uuid() })

export const GET = adminRoute(async (viewer, request: Request, context: Context) => {
  const { id } = params.parse(await context.params)
  return NextResponse.json(await previewComp(viewer, id, compPreviewInput.parse(Object.fromEntries(new URL(request.url).searchParams))))
})

export const POST = adminRoute(async (admin, request: Request, context: Context) => {
  const { id } = params.parse(await context.params)
  return NextResponse.json(await compCustomerSubscription(admin, id, compInput.parse(await readJson(request))))
})
