import { addressSettings, env } from '@/lib/env'
import { ownOrigin } from './addresses'
import { AppError } from './errors'

/**
 * For routes that change state with a session cookie: the request must come from the app's own pages (its
 * `Origin` is the host it was addressed to, or an allowed origin) and carry JSON, which a cross-site form
 * cannot send. SameSite cookies already stop most such requests; this holds even where a browser or proxy
 * lets a cookie through. Answers the origin, the address to send the customer back to.
 */
export function assertSameOriginJson(request: Request): string {
  const origin = ownOrigin(request.headers, addressSettings)
  if (!origin) {
    throw new AppError('cross_origin_refused', 'This request must come from the app itself.', 403)
  }
  const contentType = request.headers.get('content-type') ?? ''
  if (!/^application\/json\b/i.test(contentType)) {
    throw new AppError('unsupported_media_type', 'Send the request body as JSON (Content-Type: application/json).', 415)
  }
  return origin
}

/**
 * Where to send a person back to from Stripe's pages: the address they came from when it is the app's own,
 * else APP_URL. Server actions reach here after Next.js's own origin check.
 */
export function returnOrigin(headers: Headers): string {
  return ownOrigin(headers, addressSettings) ?? new URL(env.APP_URL).origin
}
