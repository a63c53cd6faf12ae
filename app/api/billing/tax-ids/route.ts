// POST /api/billing/tax-ids – adds a tax ID (type and number) to the caller's invoices
import { NextResponse } from 'next/server'
import { requireViewer } from '@/lib/auth/session'
import { addTaxId } from '@/lib/billing/billing-details'
import { taxIdInput } from '@/lib/billing/billing-details-inputs'
import { handleRoute, readJson } from '@/lib/http/route'
import { assertSameOriginJson } from '@/lib/http/same-origin'

export const POST = handleRoute(async (request: Request) => {
  const viewer = await requireViewer()
  assertSameOriginJson(request)
  const { type, value } = taxIdInput.parse(await readJson(request))
  return NextResponse.json({ taxId: await addTaxId(viewer, type, value) }, { status: 201 })
})
