import 'server-only'
import type { Queryable } from '@/lib/db/types'

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

/** Appends to the billing audit log; the database chains the row's hash and refuses later changes. */
export async function recordAudit(tx: Queryable, entry: AuditEntry): Promise<void> {
  await tx.query(
    `insert into public.billing_audit_log
       (actor_type, actor_id, action, subject_type, subject_id, user_id, before, after, context)
     values ($1, $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb, $9::jsonb)`,
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
    ],
  )
}
