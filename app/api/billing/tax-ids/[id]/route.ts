// DELETE /api/billing/tax-ids/:id – removes one of the caller's tax IDs
import { NextResponse } from 'next/server'
import { requireViewer } from '@/lib/auth/session'
import { removeTaxId } from '@/lib/billing/billing-details'
import { taxIdIdInput } from '@/lib/billing/billing-details-inputs'
import { handleRoute } from '@/lib/http/route'
import { assertSameOriginJson } from '@/lib/http/same-origin'

export const DELETE = handleRoute(async (request: Request, context: { params: Promise<{ id: string }> }) => {
  const viewer = await requireViewer()
  assertSameOriginJson(request)
  const { id } = taxIdIdInput.parse(await context.params)
  await removeTaxId(viewer, id)
  return NextResponse.json({ removed: id })
})
