import 'server-only'
import { handleRoute } from '@/lib/http/route'
import { assertSameOriginJson } from '@/lib/http/same-origin'
import type { Viewer } from './claims'
import { requireAdmin } from './session'

const READS = new Set(['GET', 'HEAD'])

/**
 * The guard of every admin route handler: anonymous callers get 401, signed-in non-admins the 404 of an
 * unknown address, before the handler sees the request; a change must also come from the app's own pages.
 */
export function adminRoute<Args extends [Request, ...unknown[]]>(handler: (admin: Viewer, ...args: Args) => Promise<Response>) {
  return handleRoute(async (...args: Args) => {
    const admin = await requireAdmin()
    if (!READS.has(args[0].method)) assertSameOriginJson(args[0])
    return handler(admin, ...args)
  })
}
