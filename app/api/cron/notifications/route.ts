// GET /api/cron/notifications – Vercel Cron, every 5 minutes: send queued customer messages, retrying failures
import { NextResponse } from 'next/server'
import { CRON_ROUTE_BUDGET_MS, JOB_RUNNERS } from '@/lib/cron/run'
import { authorizeCron } from '@/lib/http/bearer'
import { handleRoute } from '@/lib/http/route'

export const dynamic = 'force-dynamic'
export const maxDuration = 60

export const GET = handleRoute(async (request: Request) => {
  authorizeCron(request)
  return NextResponse.json(await JOB_RUNNERS['notifications']({ budgetMs: CRON_ROUTE_BUDGET_MS }))
})
