import { env } from '@/lib/env'
import { AppError } from './errors'

/**
 * For routes that change state with a session cookie: the request must come from the app's own pages (its
 * `Origin`) and carry JSON, which a cross-site form cannot send. SameSite cookies already stop most such
 * requests; this holds even where a browser or proxy lets a cookie through.
 */
export function assertSameOriginJson(request: Request): void {
  const origin = request.headers.get('origin')
  const allowed = new Set([new URL(env.APP_URL).origin, new URL(request.url).origin])
  if (!origin || !allowed.has(origin)) {
    throw new AppError('cross_origin_refused', 'This request must come from the app itself.', 403)
  }
  const contentType = request.headers.get('content-type') ?? ''
  if (!/^application\/json\b/i.test(contentType)) {
    throw new AppError('unsupported_media_type', 'Send the request body as JSON (Content-Type: application/json).', 415)
  }
}
