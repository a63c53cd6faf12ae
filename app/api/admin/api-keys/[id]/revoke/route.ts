// POST /api/admin/api-keys/:id/revoke – revoke a server API key at once (admins only)
import { NextResponse } from 'next/server'
import { z } from 'zod'
import { revokeApiKey } from '@/lib/api-keys/keys'
import { adminRoute } from '@/lib/auth/admin-route'

const params = z.object({ id: z.uuid() })

export const POST = adminRoute(async (admin, _request: Request, context: { params: Promise<{ id: string }> }) => {
  const { id } = params.parse(await context.params)
  await revokeApiKey(admin, id)
  return NextResponse.json({ revoked: id })
})
