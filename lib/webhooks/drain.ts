import 'server-only'
import { now as clockNow } from '@/lib/clock'
import { asService } from '@/lib/db/transactions'
import type { Queryable } from '@/lib/db/types'
import { logger } from '@/lib/log'
import { currentRelease } from '@/lib/release'
import { claimDueEvents, claimReceivedEvents, type Claim } from './claim'
import { EVENT_HANDLERS } from './handlers'
import { processClaimedGroup, type HandlerMap, type ProcessOutcome } from './process'

export interface DrainPass {
  batchSize: number
  handlers: HandlerMap
  now: () => Date
  release: string
  /** No new batch is claimed after this time (ms since the epoch); the first batch runs whatever it says. */
  deadline: number
  /** Groups of one batch applied at once, each group in its own transaction. */
  workers: number
  /** Which events a batch takes: every due event (the retry job), or only those never attempted. */
  claim?: (tx: Queryable, limit: number, now: Date) => Promise<Claim[]>
}

// Events applied in one transaction: enough to share its begin and commit, few enough to hold locks briefly.
const GROUP_SIZE = 10

/**
 * Splits a batch into groups of about GROUP_SIZE, each owner's events in one group: concurrent groups then
 * write disjoint rows, so none waits on (or deadlocks with) another.
 */
export function groupByOwner(claims: Claim[], size = GROUP_SIZE): Claim[][] {
  const byOwner = new Map<string, Claim[]>()
  for (const claim of claims) {
    const owned = byOwner.get(claim.owner)
    if (owned) owned.push(claim)
    else byOwner.set(claim.owner, [claim])
  }
  const groups: Claim[][] = [[]]
  for (const owned of byOwner.values()) {
    if (groups.at(-1)!.length >= size) groups.push([])
    groups.at(-1)!.push(...owned)
  }
  return groups.filter((group) => group.length > 0)
}

/**
 * Claims due events in batches and applies each batch a few groups at a time, until none are due or the
 * deadline passes: one group's round trips to the database overlap another's. Handlers already take events in
 * any order.
 */
export async function applyDueEvents(pass: DrainPass, onOutcome: (outcome: ProcessOutcome) => void): Promise<number> {
  let claimed = 0
  for (let first = true; first || Date.now() < pass.deadline; first = false) {
    const claims = await asService((tx) => (pass.claim ?? claimDueEvents)(tx, pass.batchSize, pass.now()))
    if (claims.length === 0) break
    claimed += claims.length
    const groups = groupByOwner(claims)
    let next = 0
    const worker = async () => {
      while (next < groups.length) {
        for (const outcome of await processClaimedGroup(groups[next++]!, pass.handlers, pass.now, pass.release)) onOutcome(outcome)
      }
    }
    await Promise.all(Array.from({ length: Math.min(pass.workers, groups.length) }, worker))
  }
  return claimed
}

// Two groups at a time: the server keeps answering deliveries first, and a burst drains once it has passed.
const RECEIVER_WORKERS = 2
// Each wake-up gives the drain this long from then, well inside a serverless function's time limit.
const RECEIVER_BUDGET_MS = 20_000

interface ReceiverDrain {
  pass: DrainPass
  woken: boolean
  /** Lets go of the request that carries the drain now: it need not wait once a later one does. */
  releaseCarrier: () => void
}

let running: ReceiverDrain | null = null

/**
 * Applies the events deliveries stored, after their answers went out: those never attempted, so retries keep
 * the retry job's schedule. One drain runs per process. A wake-up during a drain extends its budget, makes it
 * look again before it stops, and takes over carrying it: the request that carried it so far is let go, so
 * only one request at a time is held (with its memory) until the drain ends, and that request's time limit
 * covers the budget. What a drain leaves (a crash, a budget spent) is due for the retry job.
 */
export function drainReceivedEvents(): Promise<void> {
  if (running) {
    const drain = running
    drain.pass.deadline = Date.now() + RECEIVER_BUDGET_MS
    drain.woken = true
    drain.releaseCarrier()
    return new Promise((resolve) => (drain.releaseCarrier = resolve))
  }
  const deadline = Date.now() + RECEIVER_BUDGET_MS
  const pass: DrainPass = { batchSize: 50, handlers: EVENT_HANDLERS, now: clockNow, release: currentRelease(), deadline, workers: RECEIVER_WORKERS, claim: claimReceivedEvents }
  const drain: ReceiverDrain = { pass, woken: false, releaseCarrier: () => undefined }
  const carried = new Promise<void>((resolve) => (drain.releaseCarrier = resolve))
  void (async () => {
    try {
      do {
        drain.woken = false
        await applyDueEvents(pass, () => undefined)
      } while (drain.woken && Date.now() < pass.deadline)
    } catch (error) {
      logger.warn({ err: error }, 'applying received webhook events stopped; the retry job takes the rest')
    } finally {
      running = null
      drain.releaseCarrier()
    }
  })()
  running = drain
  return carried
}
