import 'server-only'
import type Stripe from 'stripe'
import type { Queryable } from '@/lib/db/types'
import { MAX_RETRIES, retryDelayMs } from '@/lib/retry-schedule'
import type { Claim } from './claim'
import type { EventHandler } from './handlers/types'
import type { StripeFetches } from './stripe-fetches'

export type HandlerMap = Partial<Record<string, EventHandler>>
export type ApplyOutcome = 'processed' | 'ignored' | 'failed' | 'dead'

export interface StoredEvent {
  id: string
  type: string
  payload: Stripe.Event
}

/** What a failed attempt leaves behind: the next retry with backoff, or dead after the last one. */
export function failureState(attempt: number, error: unknown, at: Date) {
  // The first attempt is not a retry: an event gets MAX_RETRIES more before it is dead.
  const dead = attempt > MAX_RETRIES
  return {
    status: dead ? ('dead' as const) : ('failed' as const),
    nextAttemptAt: dead ? null : new Date(at.getTime() + retryDelayMs(attempt)),
    lastError: (error instanceof Error ? error.message : String(error)).slice(0, 2000),
  }
}

export type Applied = { type: string; outcome: 'processed' | 'ignored' } | null

/**
 * Marks claimed events done and runs their handlers in the caller's transaction, so the outcomes and the
 * handlers' writes commit together, or (when a handler throws) none do. One statement locks every row still
 * under its claim and records its outcome; an event whose claim was lost gets null and applies nothing.
 */
export async function applyEvents(tx: Queryable, claims: Claim[], handlers: HandlerMap, at: Date, fetches: StripeFetches): Promise<Applied[]> {
  const handledTypes = Object.keys(handlers).filter((type) => handlers[type])
  const { rows } = await tx.query<StoredEvent & { outcome: 'processed' | 'ignored' }>(
    `update public.webhook_events e
        set status = case when e.type = any($4::text[]) then 'processed' else 'ignored' end, attempts = c.attempt,
            processed_at = $5, next_attempt_at = null, locked_until = null, claim_id = null, last_error = null
       from unnest($1::text[], $2::uuid[], $3::int[]) as c(id, claim_id, attempt)
      where e.id = c.id and e.claim_id = c.claim_id and e.status = 'processing'
      returning e.id, e.type, e.payload, e.status as outcome`,
    [claims.map((claim) => claim.id), claims.map((claim) => claim.claimId), claims.map((claim) => claim.attempt), handledTypes, at],
  )
  const marked = new Map(rows.map((row) => [row.id, row]))
  const applied: Applied[] = []
  for (const claim of claims) {
    const event = marked.get(claim.id)
    if (!event) {
      applied.push(null)
      continue
    }
    const handler = handlers[event.type]
    if (handler) await handler(tx, event.payload, fetches)
    applied.push({ type: event.type, outcome: event.outcome })
  }
  return applied
}
