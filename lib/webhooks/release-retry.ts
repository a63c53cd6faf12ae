import 'server-only'
import { recordAudit } from '@/lib/audit/record'
import { asService } from '@/lib/db/transactions'
import type { Queryable } from '@/lib/db/types'
import type { HandlerMap } from './apply'
import { CLAIM_COLUMNS, LEASE_MS, type Claim } from './claim'
import { processClaimedEvent, type ProcessOutcome } from './process'

/**
 * Claims dead events that a different release killed, for one more attempt under this release, each audited in
 * the claim's transaction (batches stay small: one long transaction of audit rows would slow every seal).
 * Should it fail again it dies under this release, so each release tries an event once.
 */
async function claimForRelease(tx: Queryable, release: string, now: Date, limit: number): Promise<Claim[]> {
  const { rows } = await tx.query<Claim & { deadRelease: string | null }>(
    `update public.webhook_events e
        set status = 'processing', claim_id = gen_random_uuid(), locked_until = $3, attempts = e.attempts + 1
      where e.id in (
        select id from public.webhook_events where status = 'dead' and dead_release is distinct from $1
         order by received_at limit $2 for update skip locked)
      returning ${CLAIM_COLUMNS}, dead_release as "deadRelease"`,
    [release, limit, new Date(now.getTime() + LEASE_MS)],
  )
  for (const row of rows) {
    await recordAudit(tx, {
      actor: { type: 'system', id: 'webhook-retry' },
      action: 'webhook.release_retried',
      subject: { type: 'webhook_event', id: row.id },
      before: { status: 'dead', release: row.deadRelease },
      after: { status: 'processing', release },
    })
  }
  return rows.map(({ deadRelease: _deadRelease, ...claim }) => claim)
}

export interface ReleaseRetryPass {
  release: string
  handlers: HandlerMap
  now: () => Date
  batchSize: number
  deadline: number
}

/** Gives each event killed under another release one attempt under this one; returns the outcomes. */
export async function retryDeadForRelease({ release, handlers, now, batchSize, deadline }: ReleaseRetryPass): Promise<ProcessOutcome[]> {
  const outcomes: ProcessOutcome[] = []
  while (Date.now() < deadline) {
    const claims = await asService((tx) => claimForRelease(tx, release, now(), batchSize))
    if (claims.length === 0) break
    for (const claim of claims) outcomes.push(await processClaimedEvent(claim, handlers, now, release))
  }
  return outcomes
}
