// POST /api/billing/confirm – applies a previewed plan change, charging exactly the quoted amount
import { NextResponse } from 'next/server'
import { z } from 'zod'
import { requireViewer } from '@/lib/auth/session'
import { confirmPlanChange, waitForPlanChangeWebhooks } from '@/lib/billing/confirm-plan-change'
import { handleRoute, readJson } from '@/lib/http/route'
import { assertSameOriginJson } from '@/lib/http/same-origin'

const body = z.object({ quoteId: z.uuid() })

export const POST = handleRoute(async (request: Request) => {
  const viewer = await requireViewer()
  assertSameOriginJson(request)
  const { quoteId } = body.parse(await readJson(request))
  const change = await confirmPlanChange(viewer, quoteId)
  return NextResponse.json({ ...change, applied: await waitForPlanChangeWebhooks(change) })
})
