// POST /api/admin/api-keys – create a server API key for recording usage; the key is shown once (admins only)
import { NextResponse } from 'next/server'
import { z } from 'zod'
import { createApiKey } from '@/lib/api-keys/keys'
import { adminRoute } from '@/lib/auth/admin-route'
import { readJson } from '@/lib/http/route'

const body = z.object({ name: z.string().trim().min(1).max(100) }).strict()

export const POST = adminRoute(async (admin, request: Request) => {
  const { name } = body.parse(await readJson(request))
  return NextResponse.json(await createApiKey(admin, name), { status: 201 })
})
