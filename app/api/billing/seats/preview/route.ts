// POST /api/billing/seats/preview – the exact prorated charge of changing the caller's seat count, as a quote to confirm at /api/billing/confirm
import { NextResponse } from 'next/server'
import { requireViewer } from '@/lib/auth/session'
import { seatsInput } from '@/lib/billing/inputs'
import { previewSeatChange } from '@/lib/usage/seats'
import { handleRoute, readJson } from '@/lib/http/route'
import { assertSameOriginJson } from '@/lib/http/same-origin'

export const POST = handleRoute(async (request: Request) => {
  const viewer = await requireViewer()
  assertSameOriginJson(request)
  const { quantity, promotionCode } = seatsInput.parse(await readJson(request))
  return NextResponse.json(await previewSeatChange(viewer, quantity, promotionCode))
})
