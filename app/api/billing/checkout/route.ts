// POST /api/billing/checkout – starts Stripe Checkout (with a promotion code) for a caller without a subscription; answers the page to open
import { NextResponse } from 'next/server'
import { requireViewer } from '@/lib/auth/session'
import { previewInput } from '@/lib/billing/inputs'
import { startSubscriptionCheckout } from '@/lib/billing/subscribe'
import { handleRoute, readJson } from '@/lib/http/route'
import { assertSameOriginJson } from '@/lib/http/same-origin'

export const POST = handleRoute(async (request: Request) => {
  const viewer = await requireViewer()
  const origin = assertSameOriginJson(request)
  const { priceId, promotionCode } = previewInput.parse(await readJson(request))
  return NextResponse.json(await startSubscriptionCheckout(viewer, priceId, origin, promotionCode))
})
