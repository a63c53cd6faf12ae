import 'server-only'
import { z } from 'zod'
import type { Viewer } from '@/lib/auth/claims'
import { assertStaff } from '@/lib/auth/require-admin'
import { asService } from '@/lib/db/transactions'
import type { Queryable } from '@/lib/db/types'

export const NOTIFICATION_STATUSES = ['pending', 'sent', 'failed'] as const

/** Keyset cursor over (created_at desc, id desc): "<ISO time>|<uuid>". */
export const notificationFilterSchema = z.object({
  status: z.enum(NOTIFICATION_STATUSES).optional().catch(undefined),
  after: z
    .string()
    .regex(/^[^|]+\|[0-9a-f-]{36}$/)
    .refine((value) => !Number.isNaN(Date.parse(value.split('|')[0]!)))
    .optional()
    .catch(undefined),
  limit: z.coerce.number().int().min(1).max(200).default(50).catch(50),
})
export type NotificationFilter = z.infer<typeof notificationFilterSchema>

export interface NotificationRow {
  id: string
  userId: string | null
  recipient: string | null
  kind: string
  status: string
  attempts: number
  lastError: string | null
  createdAt: Date
  sentAt: Date | null
}

const COLUMNS = `n.id, n.user_id as "userId", coalesce(c.email, u.email) as recipient, n.kind, n.status, n.attempts,
  n.last_error as "lastError", n.created_at as "createdAt", n.sent_at as "sentAt"`
const FROM = `public.notifications n left join public.customers c on c.user_id = n.user_id left join auth.users u on u.id = n.user_id`

/** The outbox, newest first, optionally of one status: "did we tell them?" */
export async function listNotifications(viewer: Viewer, filter: NotificationFilter): Promise<{ rows: NotificationRow[]; nextCursor: string | null }> {
  assertStaff(viewer)
  const [time, id] = filter.after ? (filter.after.split('|') as [string, string]) : [null, null]
  return asService(async (tx) => {
    const { rows } = await tx.query<NotificationRow>(
      `select ${COLUMNS} from ${FROM}
        where ($1::text is null or n.status = $1) and ($2::timestamptz is null or (n.created_at, n.id) < ($2, $3::uuid))
        order by n.created_at desc, n.id desc limit $4`,
      [filter.status ?? null, time ? new Date(time) : null, id, filter.limit + 1],
    )
    const page = rows.slice(0, filter.limit)
    const last = page[page.length - 1]
    return { rows: page, nextCursor: rows.length > filter.limit && last ? `${last.createdAt.toISOString()}|${last.id}` : null }
  })
}

export async function listNotificationsOfUser(tx: Queryable, userId: string, limit: number): Promise<NotificationRow[]> {
  const { rows } = await tx.query<NotificationRow>(
    `select ${COLUMNS} from ${FROM} where n.user_id = $1 order by n.created_at desc, n.id desc limit $2`,
    [userId, limit],
  )
  return rows
}
