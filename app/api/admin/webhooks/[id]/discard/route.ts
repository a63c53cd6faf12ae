// POST /api/admin/webhooks/:id/discard – drop a dead webhook event from the queue, with a reason (admins only)
import { NextResponse } from 'next/server'
import { z } from 'zod'
import { adminRoute } from '@/lib/auth/admin-route'
import { readJson } from '@/lib/http/route'
import { discardDeadEvent } from '@/lib/webhooks/dead-letters'

const params = z.object({ id: z.string().startsWith('evt_').max(255) })
const body = z.object({ reason: z.string().trim().min(3).max(500) })

export const POST = adminRoute(async (admin, request: Request, context: { params: Promise<{ id: string }> }) => {
  const { id } = params.parse(await context.params)
  const { reason } = body.parse(await readJson(request))
  await discardDeadEvent(admin, id, reason)
  return NextResponse.json({ discarded: id })
})
