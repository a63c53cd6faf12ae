// POST /api/billing/preview – the exact prorated charge of switching the caller's plan (with a promotion code), as a quote to confirm
import { NextResponse } from 'next/server'
import { requireViewer } from '@/lib/auth/session'
import { previewInput } from '@/lib/billing/inputs'
import { previewPlanChange } from '@/lib/billing/plan-change'
import { handleRoute, readJson } from '@/lib/http/route'
import { assertSameOriginJson } from '@/lib/http/same-origin'

export const POST = handleRoute(async (request: Request) => {
  const viewer = await requireViewer()
  assertSameOriginJson(request)
  const { priceId, promotionCode } = previewInput.parse(await readJson(request))
  return NextResponse.json(await previewPlanChange(viewer, { priceId, promotionCode }))
})
