import 'server-only'
import { now as clockNow } from '@/lib/clock'
import { recordCronRun } from '@/lib/cron/runs'
import { asService } from '@/lib/db/transactions'
import { logger } from '@/lib/log'
import { buryAbandonedEvents, claimDueEvents } from './claim'
import { processClaimedEvent, type HandlerMap } from './process'
import { EVENT_HANDLERS } from './handlers'
import { reconcileMissedEvents } from './reconcile'

export const WEBHOOK_RETRY_JOB = 'webhook-retry'

export interface RetryJobOptions {
  /** Stop claiming new batches after this long, well inside the function's time limit. */
  budgetMs?: number
  batchSize?: number
  /** Also ingest Stripe events the app never received. */
  reconcile?: boolean
  handlers?: HandlerMap
  now?: () => Date
}

export type RetryCounts = {
  claimed: number
  processed: number
  ignored: number
  failed: number
  dead: number
  lostClaims: number
  reconciled: number
  reconcileFailed: number
}

/** Runs due retries (and reclaims expired leases) in batches until none are due or the budget is spent. */
export async function runWebhookRetryJob(options: RetryJobOptions = {}): Promise<RetryCounts> {
  const { budgetMs = 45_000, batchSize = 50, reconcile = true, handlers = EVENT_HANDLERS, now = clockNow } = options
  const started = now()
  const deadline = Date.now() + budgetMs
  return recordCronRun(WEBHOOK_RETRY_JOB, started, async () => {
    const counts: RetryCounts = { claimed: 0, processed: 0, ignored: 0, failed: 0, dead: 0, lostClaims: 0, reconciled: 0, reconcileFailed: 0 }
    if (reconcile) {
      // Stripe being unreachable must not hold back the retries of events already stored.
      try {
        counts.reconciled = await reconcileMissedEvents({ deadline, now })
      } catch (error) {
        counts.reconcileFailed = 1
        logger.warn({ err: error }, 'reconciliation with Stripe failed')
      }
    }
    counts.dead += await asService((tx) => buryAbandonedEvents(tx, now()))
    while (Date.now() < deadline) {
      const claims = await asService((tx) => claimDueEvents(tx, batchSize, now()))
      if (claims.length === 0) break
      counts.claimed += claims.length
      for (const claim of claims) {
        const outcome = await processClaimedEvent(claim, handlers, now)
        if (outcome === 'lost_claim') counts.lostClaims += 1
        else counts[outcome] += 1
      }
    }
    return counts
  })
}
