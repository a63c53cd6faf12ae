import 'server-only'
import { isDeepStrictEqual } from 'node:util'
import type Stripe from 'stripe'
import type { Queryable } from '@/lib/db/types'
import { recordAudit, type AuditEntry } from './record'

/**
 * Audits what an event changed, with the event as actor and context. A repeat, or an event that carries
 * nothing new, changes nothing and writes no entry.
 */
export async function auditStripeChange(
  tx: Queryable,
  event: Stripe.Event,
  change: Pick<AuditEntry, 'action' | 'subject' | 'userId' | 'before' | 'after'>,
): Promise<void> {
  if (isDeepStrictEqual(change.before, change.after)) return
  await recordAudit(tx, { ...change, actor: { type: 'stripe', id: event.id }, context: { eventId: event.id, eventType: event.type } })
}
