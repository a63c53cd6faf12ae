// GET /api/admin/webhooks/dead – the dead-letter queue with payloads, newest first, keyset-paged (admins only)
import { NextResponse } from 'next/server'
import { z } from 'zod'
import { adminRoute } from '@/lib/auth/admin-route'
import { getDeadEventPage } from '@/lib/webhooks/queries'

const query = z
  .object({
    type: z.string().trim().min(1).max(100).regex(/^[a-z0-9_.]+$/, 'An event type such as invoice.paid.').optional(),
    after: z.string().max(400).regex(/^[^|]+\|evt_[^|]+$/, 'Use the nextCursor of the previous page.').optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict()

export const GET = adminRoute(async (admin, request: Request) => {
  const filter = query.parse(Object.fromEntries(new URL(request.url).searchParams))
  return NextResponse.json(await getDeadEventPage(admin, filter))
})
