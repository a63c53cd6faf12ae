// GET /api/metrics – Prometheus metrics read from the database (Bearer METRICS_TOKEN)
import { authorizeBearer } from '@/lib/cron/authorize'
import { env } from '@/lib/env'
import { handleRoute } from '@/lib/http/route'
import { renderMetrics } from '@/lib/metrics/collect'

export const dynamic = 'force-dynamic'

export const GET = handleRoute(async (request: Request) => {
  authorizeBearer(request.headers.get('authorization'), env.METRICS_TOKEN, 'metrics')
  const { body, contentType } = await renderMetrics()
  return new Response(body, { headers: { 'content-type': contentType, 'cache-control': 'no-store' } })
})
