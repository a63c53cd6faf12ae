import 'server-only'
import type { Queryable } from '@/lib/db/types'

export interface NotificationRequest {
  userId: string
  kind: 'trial_ending' | 'grace_started' | 'grace_ending' | 'grace_expired' | 'payment_recovered'
  /** Identifies the occasion, so a re-run or a repeated event queues nothing twice. */
  dedupeKey: string
  payload: Record<string, unknown>
}

/** Queues a message to a customer; returns false when the same occasion was already queued. */
export async function queueNotification(tx: Queryable, request: NotificationRequest): Promise<boolean> {
  const { rowCount } = await tx.query(
    `insert into public.notifications (user_id, kind, payload, dedupe_key) values ($1, $2, $3::jsonb, $4)
     on conflict (dedupe_key) do nothing`,
    [request.userId, request.kind, JSON.stringify(request.payload), request.dedupeKey],
  )
  return rowCount === 1
}
