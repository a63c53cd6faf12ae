// POST /api/admin/settings/grace-enforcement – turn enforcement of expired grace periods on or off, audited (admins only)
import { NextResponse } from 'next/server'
import { graceEnforcementInputSchema, switchGraceEnforcement } from '@/lib/admin/overview-enforcement'
import { adminRoute } from '@/lib/auth/admin-route'
import { readJson } from '@/lib/http/route'

export const POST = adminRoute(async (admin, request: Request) => {
  const { on } = graceEnforcementInputSchema.parse(await readJson(request))
  return NextResponse.json(await switchGraceEnforcement(admin, on))
})
