import 'server-only'
import { handleRoute } from '@/lib/http/route'
import type { Viewer } from './claims'
import { requireAdmin } from './session'

/**
 * The guard of every admin route handler: anonymous callers get 401, signed-in non-admins the 404 of an
 * unknown address, before the handler sees the request.
 */
export function adminRoute<Args extends unknown[]>(handler: (admin: Viewer, ...args: Args) => Promise<Response>) {
  return handleRoute(async (...args: Args) => handler(await requireAdmin(), ...args))
}
