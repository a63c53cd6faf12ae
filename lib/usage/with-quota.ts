import 'server-only'
import { randomUUID } from 'node:crypto'
import { requireViewer } from '@/lib/auth/session'
import { handleRoute } from '@/lib/http/route'
import { quotaHeaders, type UsageAnswer } from './answer'
import { consumeQuota } from './consume'

/**
 * For the team's own route handlers: counts `quantity` of `metric` for the signed-in customer before the
 * handler runs, refusing (429/402) when the plan does not allow it, and adds the X-Quota-* headers. A request
 * carrying an `Idempotency-Key` header is counted once however often it is sent.
 *
 *   export const POST = withQuota('api_calls', async (request, usage) => NextResponse.json(...))
 */
export function withQuota<Args extends [Request, ...unknown[]]>(
  metric: string,
  handler: (...args: [...Args, UsageAnswer]) => Promise<Response>,
  quantity = 1,
) {
  return handleRoute(async (...args: Args) => {
    const viewer = await requireViewer()
    const idempotencyKey = args[0].headers.get('idempotency-key') ?? randomUUID()
    const usage = await consumeQuota(viewer.id, { metric, quantity, idempotencyKey: `${metric}:${idempotencyKey}` })
    const response = await handler(...args, usage)
    for (const [name, value] of Object.entries(quotaHeaders(usage))) response.headers.set(name, value)
    return response
  })
}
