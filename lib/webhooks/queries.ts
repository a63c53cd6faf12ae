import 'server-only'
import { z } from 'zod'
import type { Viewer } from '@/lib/auth/claims'
import { assertStaff } from '@/lib/auth/require-admin'
import { asService } from '@/lib/db/transactions'
import type { Queryable } from '@/lib/db/types'
import { EVENT_HANDLERS } from './handlers'

/** The event types the app applies, for the type filter's suggestions. */
export const HANDLED_EVENT_TYPES = Object.keys(EVENT_HANDLERS).sort()

export const WEBHOOK_STATUSES = ['received', 'processing', 'processed', 'failed', 'dead', 'ignored', 'discarded'] as const

/** Keyset cursor over (received_at desc, id desc): "<ISO time>|<event id>". */
const cursorSchema = z
  .string()
  .max(400)
  .regex(/^[^|]+\|evt_[^|]+$/)
  .refine((value) => !Number.isNaN(Date.parse(value.split('|')[0]!)), 'Not a cursor from this list.')

export const webhookFilterSchema = z.object({
  type: z.string().trim().min(1).max(100).regex(/^[a-z0-9_.]+$/).optional().catch(undefined),
  status: z.enum(WEBHOOK_STATUSES).optional().catch(undefined),
  after: cursorSchema.optional().catch(undefined),
  limit: z.coerce.number().int().min(1).max(200).default(50).catch(50),
})
export type WebhookFilter = z.infer<typeof webhookFilterSchema>

export interface WebhookEventRow {
  id: string
  type: string
  status: string
  attempts: number
  lastError: string | null
  receivedAt: Date
  processedAt: Date | null
  lastAttemptAt: Date | null
  /** Received → processed, in milliseconds; null until processed. */
  latencyMs: number | null
}

export interface DeadEventRow extends WebhookEventRow {
  payload: unknown
  /** The release running when it died; a different release gives it one more attempt. Null: died before releases were recorded. */
  deadRelease: string | null
}

export interface Page<Row> {
  rows: Row[]
  nextCursor: string | null
}

const COLUMNS = `id, type, status, attempts, last_error as "lastError", received_at as "receivedAt",
  processed_at as "processedAt", last_attempt_at as "lastAttemptAt",
  (extract(epoch from processed_at - received_at) * 1000)::float8 as "latencyMs"`

function splitCursor(cursor: string | undefined): [Date | null, string | null] {
  if (!cursor) return [null, null]
  const [time, id] = cursor.split('|') as [string, string]
  return [new Date(time), id]
}

async function listPage<Row extends WebhookEventRow>(tx: Queryable, columns: string, filter: WebhookFilter): Promise<Page<Row>> {
  const [afterTime, afterId] = splitCursor(filter.after)
  const { rows } = await tx.query<Row>(
    `select ${columns} from public.webhook_events
      where ($1::text is null or type = $1) and ($2::text is null or status = $2)
        and ($3::timestamptz is null or (received_at, id) < ($3, $4))
      order by received_at desc, id desc
      limit $5`,
    [filter.type ?? null, filter.status ?? null, afterTime, afterId, filter.limit + 1],
  )
  const page = rows.slice(0, filter.limit)
  const last = page[page.length - 1]
  return { rows: page, nextCursor: rows.length > filter.limit && last ? `${last.receivedAt.toISOString()}|${last.id}` : null }
}

/** The recent webhook stream, newest first, keyset-paged so a deep page costs what the first does. */
export async function listWebhookEvents(viewer: Viewer, filter: WebhookFilter): Promise<Page<WebhookEventRow>> {
  assertStaff(viewer)
  return asService((tx) => listPage<WebhookEventRow>(tx, COLUMNS, filter))
}

/** The dead-letter queue with each event's payload, newest first, optionally of one type. */
export async function listDeadEvents(viewer: Viewer, filter: Omit<WebhookFilter, 'status'>): Promise<Page<DeadEventRow>> {
  assertStaff(viewer)
  return asService((tx) => listPage<DeadEventRow>(tx, `${COLUMNS}, payload, dead_release as "deadRelease"`, { ...filter, status: 'dead' }))
}

/** A page of the dead-letter queue as the admin API answers it (`GET /api/admin/webhooks/dead`) and the console first shows it. */
export interface DeadEventPage {
  events: DeadEventRow[]
  nextCursor: string | null
}

export async function getDeadEventPage(viewer: Viewer, filter: Omit<WebhookFilter, 'status'>): Promise<DeadEventPage> {
  const page = await listDeadEvents(viewer, filter)
  return { events: page.rows, nextCursor: page.nextCursor }
}

/** One stored event by its Stripe id, or null when the app never stored it (a refused delivery stores nothing). */
export async function getWebhookEvent(viewer: Viewer, id: string): Promise<WebhookEventRow | null> {
  assertStaff(viewer)
  return asService(async (tx) => (await tx.query<WebhookEventRow>(`select ${COLUMNS} from public.webhook_events where id = $1`, [id])).rows[0] ?? null)
}

/**
 * The event types waiting in the dead-letter queue and how many of each, for "replay all of a type": the counts
 * kept as events enter and leave the queue (folded by the retry job, the rest summed here).
 */
export async function listDeadEventTypes(viewer: Viewer): Promise<{ type: string; count: number }[]> {
  assertStaff(viewer)
  return asService(async (tx) => {
    const { rows } = await tx.query<{ type: string; count: number }>(
      `select type, sum(events)::int as count
         from (select type, events from public.dead_letter_counts
               union all select type, events from public.dead_letter_count_deltas) as counted
        group by type having sum(events) > 0 order by type`,
    )
    return rows
  })
}
