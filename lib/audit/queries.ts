import 'server-only'
import { z } from 'zod'
import type { Queryable } from '@/lib/db/types'

export interface AuditLogRow {
  id: number
  occurredAt: Date
  actorType: string
  actorId: string | null
  action: string
  subjectType: string
  subjectId: string
  userId: string | null
  before: unknown
  after: unknown
  context: Record<string, unknown>
  hash: string
}

export const auditFilterSchema = z.object({
  action: z.string().trim().min(1).max(100).optional(),
  subjectId: z.string().trim().min(1).max(200).optional(),
  /** Keyset cursor: the id of the last row of the previous page. */
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
})
export type AuditFilter = z.infer<typeof auditFilterSchema>

/** Newest first, keyset-paginated on the primary key so a page costs the same however long the log grows. */
export async function listAuditEntries(tx: Queryable, filter: AuditFilter): Promise<{ rows: AuditLogRow[]; nextCursor: number | null }> {
  const { rows } = await tx.query<AuditLogRow>(
    `select id, occurred_at as "occurredAt", actor_type as "actorType", actor_id as "actorId", action,
            subject_type as "subjectType", subject_id as "subjectId", user_id as "userId", before, after, context, hash
       from public.billing_audit_log
      where ($1::bigint is null or id < $1)
        and ($2::text is null or action = $2)
        and ($3::text is null or subject_id = $3)
      order by id desc
      limit $4`,
    [filter.before ?? null, filter.action ?? null, filter.subjectId ?? null, filter.limit + 1],
  )
  const page = rows.slice(0, filter.limit)
  return { rows: page, nextCursor: rows.length > filter.limit ? page[page.length - 1]!.id : null }
}
