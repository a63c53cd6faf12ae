import 'server-only'
import { now as clockNow } from '@/lib/clock'
import { asService } from '@/lib/db/transactions'
import { currentRelease } from '@/lib/release'
import { logger } from '@/lib/log'
import { applyEvents, failureState, type ApplyOutcome, type HandlerMap } from './apply'
import type { Claim } from './claim'
import { EVENT_HANDLERS } from './handlers'
import { withStripeFetches } from './stripe-fetches'

export type { HandlerMap }
export type ProcessOutcome = ApplyOutcome | 'lost_claim'

export function logOutcome(event: { id: string; type?: string }, attempt: number, outcome: ProcessOutcome, startedAt: number, error?: unknown) {
  const fields = { eventId: event.id, eventType: event.type, attempt, outcome, durationMs: Math.round(performance.now() - startedAt) }
  if (error) logger.warn({ ...fields, err: error }, 'webhook event failed')
  else logger.info(fields, 'webhook event')
}

/**
 * Applies a claimed event. The row is marked done under lock by claim id, so a worker whose lease ran out and
 * was reclaimed applies nothing and records nothing.
 */
export async function processClaimedEvent(claim: Claim, handlers: HandlerMap = EVENT_HANDLERS, now = clockNow, release = currentRelease()): Promise<ProcessOutcome> {
  const startedAt = performance.now()
  let type: string | undefined
  try {
    const outcome = await withStripeFetches((fetches) =>
      asService(async (tx) => {
        const [applied] = await applyEvents(tx, [claim], handlers, now(), fetches)
        type = applied?.type
        return applied?.outcome ?? 'lost_claim'
      }),
    )
    logOutcome({ id: claim.id, type }, claim.attempt, outcome, startedAt)
    return outcome
  } catch (error) {
    const failure = failureState(claim.attempt, error, now())
    const { rowCount } = await asService((tx) =>
      tx.query(
        `update public.webhook_events set status = $3, next_attempt_at = $4, last_error = $5, processed_at = null,
           locked_until = null, claim_id = null, dead_release = case when $3 = 'dead' then $6 else dead_release end
         where id = $1 and claim_id = $2 and status = 'processing'`,
        [claim.id, claim.claimId, failure.status, failure.nextAttemptAt, failure.lastError, release],
      ),
    )
    const outcome = rowCount === 1 ? failure.status : 'lost_claim'
    logOutcome({ id: claim.id, type }, claim.attempt, outcome, startedAt, error)
    return outcome
  }
}

/**
 * Applies claimed events in one transaction: one begin, one statement marking them all, one commit. When any
 * of them fails, none of the group commits and each is applied again alone, so a failure stays its own.
 */
export async function processClaimedGroup(claims: Claim[], handlers: HandlerMap = EVENT_HANDLERS, now = clockNow, release = currentRelease()): Promise<ProcessOutcome[]> {
  if (claims.length > 1) {
    const startedAt = performance.now()
    try {
      const applied = await withStripeFetches((fetches) => asService((tx) => applyEvents(tx, claims, handlers, now(), fetches)))
      return applied.map((result, index) => {
        const outcome = result?.outcome ?? 'lost_claim'
        logOutcome({ id: claims[index]!.id, type: result?.type }, claims[index]!.attempt, outcome, startedAt)
        return outcome
      })
    } catch {
      // Which event failed, and why, is found and recorded by applying each alone.
    }
  }
  const outcomes: ProcessOutcome[] = []
  for (const claim of claims) outcomes.push(await processClaimedEvent(claim, handlers, now, release))
  return outcomes
}
