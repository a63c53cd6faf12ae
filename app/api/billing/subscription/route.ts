// GET /api/billing/subscription – the caller's plan, its status and dates, any scheduled change, and the plans on offer
import { NextResponse } from 'next/server'
import { requireViewer } from '@/lib/auth/session'
import { getSubscriptionSummary } from '@/lib/billing/subscription-summary'
import { handleRoute } from '@/lib/http/route'

export const GET = handleRoute(async () => {
  const viewer = await requireViewer()
  return NextResponse.json(await getSubscriptionSummary(viewer))
})
