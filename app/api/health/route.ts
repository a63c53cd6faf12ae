// GET /api/health – ok or not for anyone (200/503); the details (migrations, jobs) with the metrics token
import { NextResponse } from 'next/server'
import { checkHealth } from '@/lib/monitoring/health'
import { authorizeMetrics } from '@/lib/http/bearer'

export const dynamic = 'force-dynamic'

function mayReadDetails(request: Request): boolean {
  try {
    authorizeMetrics(request)
    return true
  } catch {
    return false
  }
}

export async function GET(request: Request) {
  const report = await checkHealth()
  const body = mayReadDetails(request) ? report : { healthy: report.healthy }
  return NextResponse.json(body, { status: report.healthy ? 200 : 503 })
}
