import 'server-only'
import { NextResponse } from 'next/server'
import { z } from 'zod'
import { adminRoute } from '@/lib/auth/admin-route'
import { readJson } from '@/lib/http/route'
import { applyInvoiceAction, invoiceActionInput, invoiceActionPreviewInput, previewInvoiceAction, type InvoiceAction } from './invoice-actions'

type Context = { params: Promise<{ id: string }> }
const params = z.object({ id: z.uuid() })

/** The route of one invoice action: GET previews it (`?invoiceId=`), POST applies it (body `{ invoiceId, reason, idempotencyKey }`). */
export function invoiceActionRoute(action: InvoiceAction) {
  return {
    GET: adminRoute(async (viewer, request: Request, context: Context) => {
      const { id } = params.parse(await context.params)
      const query = Object.fromEntries(new URL(request.url).searchParams)
      return NextResponse.json(await previewInvoiceAction(viewer, id, invoiceActionPreviewInput.parse({ ...query, action })))
    }),
    POST: adminRoute(async (admin, request: Request, context: Context) => {
      const { id } = params.parse(await context.params)
      const body = await readJson(request)
      return NextResponse.json(await applyInvoiceAction(admin, id, invoiceActionInput.parse({ ...(body as object), action })))
    }),
  }
}
