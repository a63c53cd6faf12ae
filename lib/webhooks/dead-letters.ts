import 'server-only'
import { recordAudit } from '@/lib/audit/record'
import type { Viewer } from '@/lib/auth/claims'
import { assertAdmin } from '@/lib/auth/require-admin'
import { now } from '@/lib/clock'
import { asService } from '@/lib/db/transactions'
import type { Queryable } from '@/lib/db/types'
import { AppError } from '@/lib/http/errors'
import { CLAIM_COLUMNS, LEASE_MS, type Claim } from './claim'
import { processClaimedEvent, type ProcessOutcome } from './process'

export type ReplaySelection = { ids: string[] } | { type: string }

export interface ReplayResult {
  eventId: string
  outcome: ProcessOutcome | 'not_dead'
}

const MAX_REPLAY = 500
/**
 * Events claimed (and audited) per transaction. The audit seal works per row, so one transaction of many audit
 * rows slows quadratically; small batches also keep each batch's lease well ahead of its processing.
 */
export const REPLAY_BATCH = 50

async function claimDeadBatch(viewer: Viewer, selection: ReplaySelection, limit: number): Promise<Claim[]> {
  // Claimed straight out of the queue with a fresh set of attempts, so no retry job takes them meanwhile.
  return asService(async (tx) => {
    const { rows } = await tx.query<Claim>(
      `update public.webhook_events
          set status = 'processing', attempts = 1, claim_id = gen_random_uuid(), locked_until = $3, next_attempt_at = null
        where status = 'dead' and id in (
          select id from public.webhook_events
           where status = 'dead' and (id = any($1::text[]) or type = $2)
           order by received_at limit $4)
        returning ${CLAIM_COLUMNS}`,
      [
        'ids' in selection ? selection.ids : [],
        'type' in selection ? selection.type : null,
        new Date(now().getTime() + LEASE_MS),
        limit,
      ],
    )
    for (const { id } of rows) {
      await recordAudit(tx, {
        actor: { type: 'admin', id: viewer.id },
        action: 'webhook.replayed',
        subject: { type: 'webhook_event', id },
        before: { status: 'dead' },
        after: { status: 'processing' },
      })
    }
    return rows
  })
}

/**
 * Puts dead events back in line with a fresh set of attempts and processes each at once, up to 500 per call
 * in batches of REPLAY_BATCH. Events that are not dead (already replayed, discarded, processed) are reported
 * and left alone; an event that fails again goes back to the retry schedule.
 */
export async function replayDeadEvents(viewer: Viewer, selection: ReplaySelection): Promise<ReplayResult[]> {
  assertAdmin(viewer)
  const results: ReplayResult[] = []
  while (results.length < MAX_REPLAY) {
    const claims = await claimDeadBatch(viewer, selection, Math.min(REPLAY_BATCH, MAX_REPLAY - results.length))
    for (const claim of claims) results.push({ eventId: claim.id, outcome: await processClaimedEvent(claim) })
    if (claims.length < REPLAY_BATCH) break
  }
  if ('ids' in selection) {
    const replayed = new Set(results.map((result) => result.eventId))
    for (const id of selection.ids) if (!replayed.has(id)) results.push({ eventId: id, outcome: 'not_dead' })
  }
  return results
}

/** Takes a dead event out of the queue for good, with the reason on the audit log. */
export async function discardDeadEvent(viewer: Viewer, eventId: string, reason: string): Promise<void> {
  assertAdmin(viewer)
  await asService(async (tx) => {
    const { rowCount } = await tx.query(
      `update public.webhook_events set status = 'discarded', next_attempt_at = null where id = $1 and status = 'dead'`,
      [eventId],
    )
    if (rowCount === 0) throw new AppError('not_dead', 'Only an event in the dead-letter queue can be discarded.', 409)
    await recordAudit(tx, {
      actor: { type: 'admin', id: viewer.id },
      action: 'webhook.discarded',
      subject: { type: 'webhook_event', id: eventId },
      before: { status: 'dead' },
      after: { status: 'discarded' },
      context: { reason },
    })
  })
}

/** Folds the dead-letter count deltas into the per-type counts the queue's facets read (the retry job does, each run). */
export async function foldDeadLetterCounts(tx: Queryable): Promise<number> {
  const { rows } = await tx.query<{ folded: number }>(`select public.fold_dead_letter_counts() as folded`)
  return rows[0]!.folded
}
