import 'server-only'
import { createHash, timingSafeEqual } from 'node:crypto'
import { env } from '@/lib/env'
import { AppError } from '@/lib/http/errors'

const digest = (value: string) => createHash('sha256').update(value).digest()

/**
 * Vercel Cron sends `Authorization: Bearer $CRON_SECRET`. Compared in constant time (as digests, so the
 * length leaks nothing either). Without a secret, cron routes only run outside production.
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
