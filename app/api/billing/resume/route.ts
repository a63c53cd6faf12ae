// POST /api/billing/resume – takes back a cancellation before the period ends
import { NextResponse } from 'next/server'
import { requireViewer } from '@/lib/auth/session'
import { resumeSubscription } from '@/lib/billing/cancellation'
import { waitForSubscriptionRow } from '@/lib/billing/subscription-landing'
import { handleRoute } from '@/lib/http/route'
import { assertSameOriginJson } from '@/lib/http/same-origin'

export const POST = handleRoute(async (request: Request) => {
  const viewer = await requireViewer()
  assertSameOriginJson(request)
  const result = await resumeSubscription(viewer)
  return NextResponse.json({ ...result, applied: await waitForSubscriptionRow(result) })
})
