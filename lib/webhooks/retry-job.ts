import 'server-only'
import { checkpointAuditChain } from '@/lib/audit/checkpoint'
import { foldSubscriptionTotals } from '@/lib/billing/subscription-totals'
import { now as clockNow } from '@/lib/clock'
import { asService } from '@/lib/db/transactions'
import { env } from '@/lib/env'
import { recordCronRun } from '@/lib/jobs/runs'
import { logger } from '@/lib/log'
import { foldCounters } from '@/lib/metrics/counters'
import { currentRelease } from '@/lib/release'
import { buryAbandonedEvents } from './claim'
import { foldDeadLetterCounts } from './dead-letters'
import { applyDueEvents } from './drain'
import { EVENT_HANDLERS } from './handlers'
import type { HandlerMap, ProcessOutcome } from './process'
import { reconcileMissedEvents } from './reconcile'
import { retryDeadForRelease } from './release-retry'

export const WEBHOOK_RETRY_JOB = 'webhook-retry'

export interface RetryJobOptions {
  /** Stop claiming new batches after this long, well inside the function's time limit. */
  budgetMs?: number
  batchSize?: number
  /** Also ingest Stripe events the app never received. */
  reconcile?: boolean
  handlers?: HandlerMap
  now?: () => Date
  /** The running release; dead events another release killed get one more attempt under it. */
  release?: string
  releaseRetry?: boolean
}

export type RetryCounts = {
  claimed: number
  processed: number
  ignored: number
  failed: number
  dead: number
  lostClaims: number
  releaseRetried: number
  reconciled: number
  reconcileFailed: number
}

/** Due retries get this share of the budget first; reconciliation with Stripe gets the rest. */
const RETRY_SHARE = 0.75

/**
 * Runs due retries (and reclaims expired leases) in batches until none are due or their budget is spent,
 * then reconciles with Stripe in the time left. Retries come first: a long listing on a busy account must
 * never hold back events already stored.
 */
export async function runWebhookRetryJob(options: RetryJobOptions = {}): Promise<RetryCounts> {
  const { budgetMs = 45_000, batchSize = 50, reconcile = true, handlers = EVENT_HANDLERS, now = clockNow } = options
  const { release = currentRelease(), releaseRetry = env.DEAD_LETTER_RELEASE_RETRY === 'on' } = options
  const started = now()
  const deadline = Date.now() + budgetMs
  const retryDeadline = Date.now() + budgetMs * RETRY_SHARE
  return recordCronRun(WEBHOOK_RETRY_JOB, started, async () => {
    const counts: RetryCounts = { claimed: 0, processed: 0, ignored: 0, failed: 0, dead: 0, lostClaims: 0, releaseRetried: 0, reconciled: 0, reconcileFailed: 0 }
    counts.dead += await asService((tx) => buryAbandonedEvents(tx, now(), release))
    await runDueRetries(counts, { batchSize, handlers, now, release, deadline: retryDeadline })
    if (releaseRetry) {
      for (const outcome of await retryDeadForRelease({ release, handlers, now, batchSize, deadline: retryDeadline })) {
        counts.releaseRetried += 1
        countOutcome(counts, outcome)
      }
    }
    if (reconcile) {
      // Stripe being unreachable must not fail the run: the retries above are done either way.
      try {
        counts.reconciled = await reconcileMissedEvents({ deadline, now })
      } catch (error) {
        counts.reconcileFailed = 1
        logger.warn({ err: error }, 'reconciliation with Stripe failed')
      }
      if (counts.reconciled > 0) await runDueRetries(counts, { batchSize, handlers, now, release, deadline })
    }
    await checkpointAuditChain(now())
    await asService(foldCounters)
    await asService(foldSubscriptionTotals)
    await asService(foldDeadLetterCounts)
    return counts
  })
}

interface RetryPass {
  batchSize: number
  handlers: HandlerMap
  now: () => Date
  release: string
  deadline: number
}

// A job has its instance to itself: four groups at a time drain a backlog faster than events arrive.
const WORKERS = 4

async function runDueRetries(counts: RetryCounts, pass: RetryPass): Promise<void> {
  counts.claimed += await applyDueEvents({ ...pass, workers: WORKERS }, (outcome) => countOutcome(counts, outcome))
}

function countOutcome(counts: RetryCounts, outcome: ProcessOutcome): void {
  if (outcome === 'lost_claim') counts.lostClaims += 1
  else counts[outcome] += 1
}
