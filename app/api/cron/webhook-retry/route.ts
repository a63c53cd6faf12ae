// GET /api/cron/webhook-retry – Vercel Cron, every 5 minutes: retry due webhook events and heal missed ones
import { NextResponse } from 'next/server'
import { authorizeCron } from '@/lib/http/bearer'
import { handleRoute } from '@/lib/http/route'
import { runWebhookRetryJob } from '@/lib/webhooks/retry-job'

export const dynamic = 'force-dynamic'
export const maxDuration = 60

export const GET = handleRoute(async (request: Request) => {
  authorizeCron(request)
  return NextResponse.json(await runWebhookRetryJob({ budgetMs: 45_000 }))
})
