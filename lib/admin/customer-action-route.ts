import 'server-only'
import { NextResponse } from 'next/server'
import { z, type ZodType } from 'zod'
import type { Viewer } from '@/lib/auth/claims'
import { adminRoute } from '@/lib/auth/admin-route'
import { readJson } from '@/lib/http/route'
import { applyInvoiceAction, invoiceActionInput, invoiceActionPreviewInput, previewInvoiceAction, type InvoiceAction } from './invoice-actions'

type Context = { params: Promise<{ id: string }> }
const params = z.object({ id: z.uuid() })

interface CustomerAction<PreviewInput, Input> {
  previewInput: ZodType<PreviewInput>
  preview: (viewer: Viewer, userId: string, input: PreviewInput) => Promise<unknown>
  input: ZodType<Input>
  act: (admin: Viewer, userId: string, input: Input) => Promise<unknown>
}

/**
 * The route of one action on a customer's page: GET previews it from the query string, POST applies it from
 * the body (which carries the reason and idempotency key). Both are admin routes; support reads the preview.
 */
export function customerActionRoute<PreviewInput, Input>(action: CustomerAction<PreviewInput, Input>) {
  return {
    GET: adminRoute(async (viewer, request: Request, context: Context) => {
      const { id } = params.parse(await context.params)
      const query = Object.fromEntries(new URL(request.url).searchParams)
      return NextResponse.json(await action.preview(viewer, id, action.previewInput.parse(query)))
    }),
    POST: adminRoute(async (admin, request: Request, context: Context) => {
      const { id } = params.parse(await context.params)
      return NextResponse.json(await action.act(admin, id, action.input.parse(await readJson(request))))
    }),
  }
}

/** The route of one invoice action: `?invoiceId=` to preview, `{ invoiceId, reason, idempotencyKey }` to apply. */
export function invoiceActionRoute(action: InvoiceAction) {
  return customerActionRoute({
    previewInput: invoiceActionPreviewInput.omit({ action: true }).transform((input) => ({ ...input, action })),
    preview: previewInvoiceAction,
    input: invoiceActionInput.omit({ action: true }).transform((input) => ({ ...input, action })),
    act: applyInvoiceAction,
  })
}
