// POST /api/billing/schedule – schedules a downgrade for the end of the period; DELETE undoes it
import { NextResponse } from 'next/server'
import { requireViewer } from '@/lib/auth/session'
import { priceInput } from '@/lib/billing/inputs'
import { scheduleDowngrade, undoScheduledChange } from '@/lib/billing/scheduled-change'
import { handleRoute, readJson } from '@/lib/http/route'
import { assertSameOriginJson } from '@/lib/http/same-origin'

export const POST = handleRoute(async (request: Request) => {
  const viewer = await requireViewer()
  assertSameOriginJson(request)
  const { priceId } = priceInput.parse(await readJson(request))
  return NextResponse.json(await scheduleDowngrade(viewer, priceId))
})

export const DELETE = handleRoute(async (request: Request) => {
  const viewer = await requireViewer()
  assertSameOriginJson(request)
  return NextResponse.json(await undoScheduledChange(viewer))
})
