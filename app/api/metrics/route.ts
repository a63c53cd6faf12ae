// GET /api/metrics – Prometheus metrics read from the database (Bearer METRICS_TOKEN)
import { authorizeMetrics } from '@/lib/http/bearer'
import { handleRoute } from '@/lib/http/route'
import { renderMetrics } from '@/lib/monitoring/collect'

export const dynamic = 'force-dynamic'

export const GET = handleRoute(async (request: Request) => {
  authorizeMetrics(request)
  const { body, contentType } = await renderMetrics()
  return new Response(body, { headers: { 'content-type': contentType, 'cache-control': 'no-store' } })
})
