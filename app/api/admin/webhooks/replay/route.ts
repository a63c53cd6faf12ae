// POST /api/admin/webhooks/replay – replay dead webhook events by id list or by type (admins only)
import { NextResponse } from 'next/server'
import { z } from 'zod'
import { adminRoute } from '@/lib/auth/admin-route'
import { readJson } from '@/lib/http/route'
import { replayDeadEvents } from '@/lib/webhooks/dead-letters'

const body = z.union([
  z.object({ ids: z.array(z.string().startsWith('evt_').max(255)).min(1).max(500) }).strict(),
  z.object({ type: z.string().min(1).max(100) }).strict(),
])

export const POST = adminRoute(async (admin, request: Request) => {
  return NextResponse.json({ results: await replayDeadEvents(admin, body.parse(await readJson(request))) })
})
