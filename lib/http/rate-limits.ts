import 'server-only'
import type { Queryable } from '@/lib/db/types'
import { AppError } from './errors'

export interface RateLimit {
  /** What is counted, e.g. `preview:user:<id>`. */
  key: string
  limit: number
  windowSeconds: number
}

/**
 * Counts one hit in the current fixed window, in the database so the limit holds across instances, and
 * refuses with 429 and `Retry-After` once the window's limit is used up. Old windows of the key are dropped.
 */
export async function consumeRateLimit(tx: Queryable, rule: RateLimit, now: Date, message: string): Promise<void> {
  const windowMs = rule.windowSeconds * 1000
  const windowStart = new Date(Math.floor(now.getTime() / windowMs) * windowMs)
  await tx.query(`delete from public.rate_limits where key = $1 and window_start < $2`, [rule.key, windowStart])
  const { rows } = await tx.query<{ hits: number }>(
    `insert into public.rate_limits (key, window_start, hits) values ($1, $2, 1)
     on conflict (key, window_start) do update set hits = rate_limits.hits + 1 returning hits`,
    [rule.key, windowStart],
  )
  if (rows[0]!.hits <= rule.limit) return
  const retryAfter = Math.max(1, Math.ceil((windowStart.getTime() + windowMs - now.getTime()) / 1000))
  throw new AppError('rate_limited', message, 429, { 'retry-after': String(retryAfter) })
}
