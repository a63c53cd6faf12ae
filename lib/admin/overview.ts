import 'server-only'
import type { Viewer } from '@/lib/auth/claims'
import { now } from '@/lib/clock'
import { asService } from '@/lib/db/transactions'
import { getGraceEnforcementState, type GraceEnforcementState } from './overview-enforcement'
import { noSuchRoute } from '@/lib/http/errors'
import { JOB_NAMES } from '@/lib/jobs/registry'
import { listJobStatus } from '@/lib/jobs/status'
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
  /** Late by the health check's rule: no success within its allowance (counted from install when it never ran). */
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

/** The figures of the admin overview, read in one transaction; refuses anyone who is not admin or support. */
export async function getAdminOverview(viewer: Viewer): Promise<AdminOverview> {
  if (!viewer.isStaff) throw noSuchRoute()
  const at = now()
  return asService(async (tx) => {
    const webhooks = await getWebhookOutcomesSince(tx, new Date(at.getTime() - DAY_MS))
    const settled = webhooks.succeeded + webhooks.failed
    const runs = await listCronJobRuns(tx, JOB_NAMES)
    const cronJobs = (await listJobStatus(tx, at)).map(({ job, lastSuccessAt, late }) => {
      const run = runs.find((candidate) => candidate.job === job)
      return { job, lastRunAt: run?.lastRunAt ?? null, lastStatus: run?.lastStatus ?? null, lastSuccessAt, late }
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
