// GET /api/admin/customers/:id/refund?invoiceId=&amount= – exactly what refunding a paid invoice would do
// POST /api/admin/customers/:id/refund – refund it (a credit note with a refund), once per idempotency key (admins only)
import { NextResponse } from 'next/server'
import { z } from 'zod'
import { previewRefund, refundInput, refundPaidInvoice, refundPreviewInput } from '@/lib/admin/refund'
import { adminRoute } from '@/lib/auth/admin-route'
import { readJson } from '@/lib/http/route'

type Context = { params: Promise<{ id: string }> }
const params = z.object({ id: z.uuid() })

export const GET = adminRoute(async (viewer, request: Request, context: Context) => {
  const { id } = params.parse(await context.params)
  const input = refundPreviewInput.parse(Object.fromEntries(new URL(request.url).searchParams))
  return NextResponse.json(await previewRefund(viewer, id, input))
})

export const POST = adminRoute(async (admin, request: Request, context: Context) => {
  const { id } = params.parse(await context.params)
  return NextResponse.json(await refundPaidInvoice(admin, id, refundInput.parse(await readJson(request))))
})
