import 'server-only'
import { handleRoute } from '@/lib/http/route'
import { assertSameOriginJson } from '@/lib/http/same-origin'
import type { Viewer } from './claims'
import { requireAdmin, requireStaff } from './session'

const READS = new Set(['GET', 'HEAD'])

/**
 * The guard of every admin route handler: anonymous callers get 401; a read needs admin or support, a change
 * needs admin, and anyone else gets the 404 of an unknown address before the handler sees the request; a
 * change must also come from the app's own pages.
 */
export function adminRoute<Args extends [Request, ...unknown[]]>(handler: (viewer: Viewer, ...args: Args) => Promise<Response>) {
  return handleRoute(async (...args: Args) => {
    const read = READS.has(args[0].method)
    const viewer = read ? await requireStaff() : await requireAdmin()
    if (!read) assertSameOriginJson(args[0])
    return handler(viewer, ...args)
  })
}
