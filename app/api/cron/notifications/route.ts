// GET /api/cron/notifications – Vercel Cron, every 5 minutes: send queued customer messages, retrying failures
import { NextResponse } from 'next/server'
import { authorizeCron } from '@/lib/http/bearer'
import { handleRoute } from '@/lib/http/route'
import { runNotificationJob } from '@/lib/notifications/send-job'

export const dynamic = 'force-dynamic'
export const maxDuration = 60

export const GET = handleRoute(async (request: Request) => {
  authorizeCron(request)
  return NextResponse.json(await runNotificationJob({ budgetMs: 45_000 }))
})
