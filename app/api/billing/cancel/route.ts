// POST /api/billing/cancel – cancels the caller's subscription at the end of the period, with an optional reason
import { NextResponse } from 'next/server'
import { requireViewer } from '@/lib/auth/session'
import { cancelSubscription } from '@/lib/billing/cancellation'
import { cancelInput } from '@/lib/billing/inputs'
import { waitForSubscriptionRow } from '@/lib/billing/subscription-landing'
import { handleRoute, readJson } from '@/lib/http/route'
import { assertSameOriginJson } from '@/lib/http/same-origin'

export const POST = handleRoute(async (request: Request) => {
  const viewer = await requireViewer()
  assertSameOriginJson(request)
  const { reason } = cancelInput.parse(await readJson(request))
  const result = await cancelSubscription(viewer, reason)
  return NextResponse.json({ ...result, applied: await waitForSubscriptionRow(result) })
})
