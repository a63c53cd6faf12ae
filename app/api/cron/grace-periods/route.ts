// GET /api/cron/grace-periods – Vercel Cron, daily at 03:00 UTC: expire overdue grace periods, queue reminders, send
import { NextResponse } from 'next/server'
import { runGraceJob } from '@/lib/grace/expire-job'
import { authorizeCron } from '@/lib/http/bearer'
import { handleRoute } from '@/lib/http/route'

export const dynamic = 'force-dynamic'
export const maxDuration = 60

export const GET = handleRoute(async (request: Request) => {
  authorizeCron(request)
  return NextResponse.json(await runGraceJob())
})
