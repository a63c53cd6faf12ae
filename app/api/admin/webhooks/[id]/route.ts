// GET /api/admin/webhooks/:id – one stored webhook event: its status, attempts and latency (admins only)
import { NextResponse } from 'next/server'
import { z } from 'zod'
import { adminRoute } from '@/lib/auth/admin-route'
import { notFound } from '@/lib/http/errors'
import { getWebhookEvent } from '@/lib/webhooks/queries'

const params = z.object({ id: z.string().startsWith('evt_').max(255) })

export const GET = adminRoute(async (admin, _request: Request, context: { params: Promise<{ id: string }> }) => {
  const { id } = params.parse(await context.params)
  const event = await getWebhookEvent(admin, id)
  if (!event) throw notFound(`Webhook event ${id}`)
  return NextResponse.json({ event })
})
