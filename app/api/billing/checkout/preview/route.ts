// POST /api/billing/checkout/preview – what the first invoice comes to with a promotion code, before going to Checkout with it
import { NextResponse } from 'next/server'
import { requireViewer } from '@/lib/auth/session'
import { previewCheckout } from '@/lib/billing/checkout-preview'
import { checkoutPreviewInput } from '@/lib/billing/inputs'
import { handleRoute, readJson } from '@/lib/http/route'
import { assertSameOriginJson } from '@/lib/http/same-origin'

export const POST = handleRoute(async (request: Request) => {
  const viewer = await requireViewer()
  assertSameOriginJson(request)
  const { priceId, promotionCode } = checkoutPreviewInput.parse(await readJson(request))
  return NextResponse.json(await previewCheckout(viewer, priceId, promotionCode))
})
