import 'server-only'
import type { Viewer } from '@/lib/auth/claims'
import { recordAudit } from '@/lib/audit/record'
import { now } from '@/lib/clock'
import { asService } from '@/lib/db/transactions'
import { AppError, forbidden } from '@/lib/http/errors'
import { claimEvent } from './claim'
import { processClaimedEvent, type ProcessOutcome } from './process'

export type ReplaySelection = { ids: string[] } | { type: string }

export interface ReplayResult {
  eventId: string
  outcome: ProcessOutcome | 'not_dead'
}

const MAX_REPLAY = 500

function requireAdminViewer(viewer: Viewer) {
  if (!viewer.isAdmin) throw forbidden()
}

/**
 * Puts dead events back in line with a fresh set of attempts and processes each at once. Events that are
 * not dead (already replayed, discarded, processed) are reported and left alone.
 */
export async function replayDeadEvents(viewer: Viewer, selection: ReplaySelection): Promise<ReplayResult[]> {
  requireAdminViewer(viewer)
  const claims = await asService(async (tx) => {
    const { rows } = await tx.query<{ id: string }>(
      'ids' in selection
        ? `update public.webhook_events set status = 'received', attempts = 0, next_attempt_at = $2
             where id = any($1::text[]) and status = 'dead' returning id`
        : `update public.webhook_events set status = 'received', attempts = 0, next_attempt_at = $2
             where id in (select id from public.webhook_events where type = $1 and status = 'dead' order by received_at limit ${MAX_REPLAY})
             returning id`,
      ['ids' in selection ? selection.ids : selection.type, now()],
    )
    const claimed = []
    for (const { id } of rows) {
      await recordAudit(tx, {
        actor: { type: 'admin', id: viewer.id },
        action: 'webhook.replayed',
        subject: { type: 'webhook_event', id },
        before: { status: 'dead' },
        after: { status: 'received' },
      })
      const claim = await claimEvent(tx, id, now())
      if (claim) claimed.push(claim)
    }
    return claimed
  })
  const results: ReplayResult[] = []
  for (const claim of claims) results.push({ eventId: claim.id, outcome: await processClaimedEvent(claim) })
  if ('ids' in selection) {
    const replayed = new Set(results.map((result) => result.eventId))
    for (const id of selection.ids) if (!replayed.has(id)) results.push({ eventId: id, outcome: 'not_dead' })
  }
  return results
}

/** Takes a dead event out of the queue for good, with the reason on the audit log. */
export async function discardDeadEvent(viewer: Viewer, eventId: string, reason: string): Promise<void> {
  requireAdminViewer(viewer)
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
