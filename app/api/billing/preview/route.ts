// POST /api/billing/preview – the exact prorated charge of switching the caller's plan, as a quote to confirm
import { NextResponse } from 'next/server'
import { z } from 'zod'
import { requireViewer } from '@/lib/auth/session'
import { previewPlanChange } from '@/lib/billing/plan-change'
import { handleRoute, readJson } from '@/lib/http/route'
import { assertSameOriginJson } from '@/lib/http/same-origin'

const body = z.object({ priceId: z.string().startsWith('price_').max(255) })

export const POST = handleRoute(async (request: Request) => {
  const viewer = await requireViewer()
  assertSameOriginJson(request)
  const { priceId } = body.parse(await readJson(request))
  return NextResponse.json(await previewPlanChange(viewer, priceId))
})
