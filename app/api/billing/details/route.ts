// GET /api/billing/details – the caller's billing details (name, email, address, tax IDs) as Stripe has them
// PATCH /api/billing/details – changes the fields given; they appear on invoices from then on
import { NextResponse } from 'next/server'
import { requireViewer } from '@/lib/auth/session'
import { getBillingDetails, updateBillingDetails } from '@/lib/billing/billing-details'
import { billingDetailsInput } from '@/lib/billing/billing-details-inputs'
import { handleRoute, readJson } from '@/lib/http/route'
import { assertSameOriginJson } from '@/lib/http/same-origin'

export const dynamic = 'force-dynamic'

export const GET = handleRoute(async () => {
  const viewer = await requireViewer()
  return NextResponse.json({ details: await getBillingDetails(viewer) })
})

export const PATCH = handleRoute(async (request: Request) => {
  const viewer = await requireViewer()
  assertSameOriginJson(request)
  const change = billingDetailsInput.parse(await readJson(request))
  return NextResponse.json({ details: await updateBillingDetails(viewer, change) })
})
