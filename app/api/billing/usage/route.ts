// GET /api/billing/usage – the signed-in customer's usage against quota for the current billing period
import { NextResponse } from 'next/server'
import { requireViewer } from '@/lib/auth/session'
import { handleRoute } from '@/lib/http/route'
import { getUsageSummary } from '@/lib/usage/queries'

export const dynamic = 'force-dynamic'

export const GET = handleRoute(async () => {
  const viewer = await requireViewer()
  return NextResponse.json(await getUsageSummary(viewer.id))
})
