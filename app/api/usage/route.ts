// POST /api/usage – record usage for the signed-in customer, or for a named customer with a server API key
import { NextResponse } from 'next/server'
import { z } from 'zod'
import { handleRoute, readJson } from '@/lib/http/route'
import { quotaHeaders } from '@/lib/usage/answer'
import { recordUsageBatch } from '@/lib/usage/batch'
import { resolveUsageCaller } from '@/lib/usage/caller'
import { recordUsage } from '@/lib/usage/consume'

const usageEvent = z.object({
  metric: z.string().regex(/^[a-z][a-z0-9_]{0,63}$/, 'lowercase letters, digits and _'),
  quantity: z.number().int().min(1).max(1_000_000_000),
  idempotency_key: z.string().min(1).max(255),
  customer: z.string().min(1).max(255).optional(),
})
const body = z.union([usageEvent.strict(), z.object({ customer: z.string().min(1).max(255).optional(), events: z.array(usageEvent).min(1).max(1000) }).strict()])

export const POST = handleRoute(async (request: Request) => {
  const caller = await resolveUsageCaller(request)
  const input = body.parse(await readJson(request))
  if ('events' in input) {
    return NextResponse.json({ results: await recordUsageBatch(caller, input.events.map((event) => ({ ...event, customer: event.customer ?? input.customer }))) })
  }
  const answer = await recordUsage(caller, input.customer, { metric: input.metric, quantity: input.quantity, idempotencyKey: input.idempotency_key })
  return NextResponse.json(answer, { headers: quotaHeaders(answer) })
})
