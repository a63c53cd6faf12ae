// GET /api/health – database reachable and migrations current; 503 when not
import { NextResponse } from 'next/server'
import { checkHealth } from '@/lib/health'

export const dynamic = 'force-dynamic'

export async function GET() {
  const report = await checkHealth()
  return NextResponse.json(report, { status: report.healthy ? 200 : 503 })
}
