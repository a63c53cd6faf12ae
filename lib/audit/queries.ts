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
  chainPosition: number | null
  hash: string
}

const text = (max: number) => z.string().trim().min(1).max(max).optional()
/** Empty form fields arrive as "", which means "no filter". */
const blankAsUndefined = (value: unknown) => (value === '' ? undefined : value)
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankAsUndefined, schema)

export const AUDIT_ACTOR_TYPES = ['user', 'admin', 'stripe', 'system'] as const

export const auditFilterSchema = z.object({
  /** The customer an entry concerns: their app user id, Stripe customer id or email. */
  customer: optional(text(320)),
  action: optional(text(100)),
  /** Who acted: an actor id (user id, event id, job name) */
  actor: optional(text(200)),
  actorType: optional(z.enum(AUDIT_ACTOR_TYPES).optional()),
  subjectType: optional(text(100)),
  subjectId: optional(text(200)),
  /** Calendar days (UTC), both included. */
  from: optional(z.iso.date().optional()),
  to: optional(z.iso.date().optional()),
  /** Keyset cursors: older entries than this id, or newer ones. */
  before: optional(z.coerce.number().int().positive().optional()),
  after: optional(z.coerce.number().int().positive().optional()),
  limit: optional(z.coerce.number().int().min(1).max(200).default(50)),
})
export type AuditFilter = z.infer<typeof auditFilterSchema>
/** The filter without its position: what a page, an export or a shared link keeps. */
export type AuditCriteria = Omit<AuditFilter, 'before' | 'after' | 'limit'>

export const AUDIT_CRITERIA_KEYS = ['customer', 'action', 'actor', 'actorType', 'subjectType', 'subjectId', 'from', 'to'] as const

export interface AuditPage {
  rows: AuditLogRow[]
  /** Cursor of the next older page (`before`), or null at the oldest entry. */
  nextCursor: number | null
  /** Cursor of the next newer page (`after`), or null on the newest page. */
  prevCursor: number | null
}

const COLUMNS = `id, occurred_at as "occurredAt", actor_type as "actorType", actor_id as "actorId", action,
  subject_type as "subjectType", subject_id as "subjectId", user_id as "userId", before, after, context,
  chain_position as "chainPosition", hash`

const DAY_MS = 86_400_000

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/**
 * The app user a customer filter names (an id, a Stripe id, else an email), or null when no customer matches
 * it. Each look-up is an index probe, so the filter costs the same however many customers there are.
 */
export async function getAuditCustomerUserId(tx: Queryable, customer: string): Promise<string | null> {
  const { rows } = await tx.query<{ userId: string }>(
    `select user_id as "userId" from (
        (select user_id, 0 as rank from public.customers where user_id = $2::uuid)
        union all (select user_id, 0 from public.customers where stripe_customer_id = $1)
        union all (select user_id, 1 from public.customers where lower(email) = lower($1) limit 1)
      ) as found order by rank limit 1`,
    [customer, UUID.test(customer) ? customer : null],
  )
  return rows[0]?.userId ?? null
}

/** The where clause of the criteria; each selective one leads an index that ends in (occurred_at, id). */
function whereClause(criteria: AuditCriteria & { userId?: string }, params: unknown[]): string[] {
  const conditions: string[] = []
  const add = (sql: (placeholder: string) => string, value: unknown) => {
    params.push(value)
    conditions.push(sql(`$${params.length}`))
  }
  if (criteria.userId) add((p) => `user_id = ${p}::uuid`, criteria.userId)
  if (criteria.action) add((p) => `action = ${p}`, criteria.action)
  if (criteria.actor) add((p) => `actor_id = ${p}`, criteria.actor)
  if (criteria.actorType) add((p) => `actor_type = ${p}`, criteria.actorType)
  if (criteria.subjectType) add((p) => `subject_type = ${p}`, criteria.subjectType)
  if (criteria.subjectId) add((p) => `subject_id = ${p}`, criteria.subjectId)
  if (criteria.from) add((p) => `occurred_at >= ${p}::timestamptz`, new Date(`${criteria.from}T00:00:00Z`))
  if (criteria.to) add((p) => `occurred_at < ${p}::timestamptz`, new Date(Date.parse(`${criteria.to}T00:00:00Z`) + DAY_MS))
  return conditions
}

const CURSOR = `(select occurred_at, id from public.billing_audit_log where id = $CURSOR)`

/**
 * A page of entries, newest first by (occurred_at, id), keyset-paginated (`before` an entry id for older ones,
 * `after` one for newer ones) on indexes that end in (occurred_at, id), so a page costs the same however long
 * the log grows, date ranges included.
 */
export async function listAuditEntries(tx: Queryable, filter: AuditFilter): Promise<AuditPage> {
  const empty = { rows: [], nextCursor: null, prevCursor: null }
  const userId = filter.customer ? await getAuditCustomerUserId(tx, filter.customer) : undefined
  if (userId === null) return empty
  const params: unknown[] = []
  const conditions = whereClause({ ...filter, userId }, params)
  const newer = filter.before === undefined && filter.after !== undefined
  if (filter.before !== undefined) conditions.push(`(occurred_at, id) < ${CURSOR.replace('$CURSOR', `$${params.push(filter.before)}`)}`)
  else if (newer) conditions.push(`(occurred_at, id) > ${CURSOR.replace('$CURSOR', `$${params.push(filter.after)}`)}`)
  params.push(filter.limit + 1)
  const direction = newer ? 'asc' : 'desc'
  const { rows } = await tx.query<AuditLogRow>(
    `select ${COLUMNS} from public.billing_audit_log
      ${conditions.length ? `where ${conditions.join(' and ')}` : ''}
      order by occurred_at ${direction}, id ${direction} limit $${params.length}`,
    params,
  )
  const more = rows.length > filter.limit
  const page = rows.slice(0, filter.limit)
  if (newer) page.reverse()
  if (page.length === 0) return empty
  const [first, last] = [page[0]!.id, page[page.length - 1]!.id]
  return {
    rows: page,
    nextCursor: newer || more ? last : null,
    prevCursor: newer ? (more ? first : null) : filter.before !== undefined ? first : null,
  }
}

/** The entry at a chain position (where verification found the chain broken), or null. */
export async function getAuditEntryAtPosition(tx: Queryable, position: number): Promise<AuditLogRow | null> {
  const { rows } = await tx.query<AuditLogRow>(`select ${COLUMNS} from public.billing_audit_log where chain_position = $1`, [position])
  return rows[0] ?? null
}

/** Only the criteria of a filter, without its cursors and page size. */
export function auditCriteriaOf(filter: Partial<AuditFilter>): AuditCriteria {
  return Object.fromEntries(AUDIT_CRITERIA_KEYS.filter((key) => filter[key] !== undefined).map((key) => [key, filter[key]])) as AuditCriteria
}
