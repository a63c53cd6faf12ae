import 'server-only'
import { createHash, timingSafeEqual } from 'node:crypto'
import { env } from '@/lib/env'
import { AppError } from './errors'

const digest = (value: string) => createHash('sha256').update(value).digest()

/**
 * Checks `Authorization: Bearer <secret>` (Vercel Cron, Prometheus) in constant time, comparing digests so the
 * length leaks nothing either. Without a configured secret the route only runs outside production.
 */
export function authorizeBearer(header: string | null, secret: string | undefined, what: string, production = env.NODE_ENV === 'production'): void {
  if (!secret) {
    if (production) throw new AppError('not_configured', `${what} is disabled until its secret is configured.`, 503)
    return
  }
  const presented = header?.startsWith('Bearer ') ? header.slice('Bearer '.length) : ''
  if (!timingSafeEqual(digest(presented), digest(secret))) throw new AppError('unauthorized', `A valid bearer token is required for ${what}.`, 401)
}

export const authorizeCron = (request: Request) => authorizeBearer(request.headers.get('authorization'), env.CRON_SECRET, 'this cron job')
export const authorizeMetrics = (request: Request) => authorizeBearer(request.headers.get('authorization'), env.METRICS_TOKEN, 'metrics')
