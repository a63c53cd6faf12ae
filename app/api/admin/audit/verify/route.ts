// POST /api/admin/audit/verify – walk the audit log's hash chain (optionally against a checkpoint), record the outcome and name the first broken entry (admins only)
import { NextResponse } from 'next/server'
import { z } from 'zod'
import { verifyAuditChainNamingBreak } from '@/lib/audit/admin'
import { auditCheckpointSchema } from '@/lib/audit/checkpoint'
import { adminRoute } from '@/lib/auth/admin-route'
import { readJson } from '@/lib/http/route'

const body = z.object({ checkpoint: auditCheckpointSchema.optional() }).strict()

export const POST = adminRoute(async (admin, request: Request) => {
  const { checkpoint } = body.parse(await readJson(request))
  return NextResponse.json(await verifyAuditChainNamingBreak(admin, checkpoint))
})
