import 'server-only'
import type { Queryable } from '@/lib/db/types'
import { auditHashKey } from './hash-key'

export type AuditActor = { type: 'user' | 'admin'; id: string } | { type: 'stripe'; id: string | null } | { type: 'system'; id: string }

export interface AuditEntry {
  actor: AuditActor
  action: string
  subject: { type: string; id: string }
  /** The customer the entry concerns; they may read it. */
  userId?: string | null
  before?: unknown
  after?: unknown
  context?: Record<string, unknown>
}

/**
 * Appends to the billing audit log; the database chains the row's hash at commit and refuses later changes.
 * The same statement hands the seal its key for this transaction only, so no table ever holds it.
 */
export async function recordAudit(tx: Queryable, entry: AuditEntry): Promise<void> {
  await tx.query(
    `insert into public.billing_audit_log
       (actor_type, actor_id, action, subject_type, subject_id, user_id, before, after, context)
     select $1::text, $2::text, $3::text, $4::text, $5::text, $6::uuid, $7::jsonb, $8::jsonb, $9::jsonb
       from (select set_config('billing.audit_hash_key', $10, true)) as sealing_key`,
    [
      entry.actor.type,
      entry.actor.id,
      entry.action,
      entry.subject.type,
      entry.subject.id,
      entry.userId ?? null,
      entry.before === undefined ? null : JSON.stringify(entry.before),
      entry.after === undefined ? null : JSON.stringify(entry.after),
      JSON.stringify(entry.context ?? {}),
      auditHashKey(),
    ],
  )
}
