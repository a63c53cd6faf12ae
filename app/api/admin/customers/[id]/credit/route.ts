// GET /api/admin/customers/:id/credit?amount= – exactly what crediting the customer's balance would do
// POST /api/admin/customers/:id/credit – credit it for their next invoices, once per idempotency key (admins only)
import { NextResponse } from 'next/server'
import { z } from 'zod'
import { creditCustomer, creditInput, creditPreviewInput, previewCredit } from '@/lib/admin/credit'
import { adminRoute } from '@/lib/auth/admin-route'
import { readJson } from '@/lib/http/route'

type Context = { params: Promise<{ id: string }> }
const params = z.object({ id: z.uuid() })

export const GET = adminRoute(async (viewer, request: Request, context: Context) => {
  const { id } = params.parse(await context.params)
  return NextResponse.json(await previewCredit(viewer, id, creditPreviewInput.parse(Object.fromEntries(new URL(request.url).searchParams))))
})

export const POST = adminRoute(async (admin, request: Request, context: Context) => {
  const { id } = params.parse(await context.params)
  return NextResponse.json(await creditCustomer(admin, id, creditInput.parse(await readJson(request))))
})
