import 'server-only'
import type { Viewer } from '@/lib/auth/claims'
import { now } from '@/lib/clock'
import { asService } from '@/lib/db/transactions'
import { getGraceEnforcementState, type GraceEnforcementState } from './overview-enforcement'
import { CRON_STALE_AFTER_MS } from '@/lib/health'
import { noSuchRoute } from '@/lib/http/errors'
import {
  getQueueCounts,
  getWebhookOutcomesSince,
  listCronJobRuns,
  listMonthlyRecurringRevenue,
  listSubscriptionsByPlan,
  type MoneyAmount,
  type PlanCount,
  type WebhookOutcomes,
} from './overview-queries'

const DAY_MS = 86_400_000

export interface CronJobHealth {
  job: string
  lastRunAt: Date | null
  lastStatus: string | null
  lastSuccessAt: Date | null
  /** Late by the health check's rule: it has run before, but not succeeded within its allowance. */
  late: boolean
}

export interface AdminOverview {
  subscriptionsByPlan: PlanCount[]
  monthlyRecurringRevenue: MoneyAmount[]
  webhooks: WebhookOutcomes & { successRate: number | null }
  deadLetters: number
  openGracePeriods: number
  cronJobs: CronJobHealth[]
  graceEnforcement: GraceEnforcementState
}

/** The figures of the admin overview, read in one transaction; refuses anyone who is not an admin. */
export async function getAdminOverview(viewer: Viewer): Promise<AdminOverview> {
  if (!viewer.isAdmin) throw noSuchRoute()
  const at = now()
  return asService(async (tx) => {
    const webhooks = await getWebhookOutcomesSince(tx, new Date(at.getTime() - DAY_MS))
    const settled = webhooks.succeeded + webhooks.failed
    const runs = await listCronJobRuns(tx)
    const known = new Set(runs.map((run) => run.job))
    const neverRun = Object.keys(CRON_STALE_AFTER_MS).filter((job) => !known.has(job)).map((job) => ({ job, lastRunAt: null, lastStatus: null, lastSuccessAt: null }))
    const cronJobs = [...runs, ...neverRun].map((run) => {
      const staleAfter = CRON_STALE_AFTER_MS[run.job]
      const late = run.lastRunAt !== null && staleAfter !== undefined && (run.lastSuccessAt === null || at.getTime() - run.lastSuccessAt.getTime() >= staleAfter)
      return { ...run, late }
    })
    return {
      subscriptionsByPlan: await listSubscriptionsByPlan(tx),
      monthlyRecurringRevenue: await listMonthlyRecurringRevenue(tx),
      webhooks: { ...webhooks, successRate: settled === 0 ? null : webhooks.succeeded / settled },
      ...(await getQueueCounts(tx)),
      cronJobs: cronJobs.sort((a, b) => a.job.localeCompare(b.job)),
      graceEnforcement: await getGraceEnforcementState(tx),
    }
  })
}
