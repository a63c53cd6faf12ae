import 'server-only'
import type { Viewer } from '@/lib/auth/claims'
import { noSuchRoute } from '@/lib/http/errors'

/** Every admin read and write checks the role itself; a non-admin gets what an unknown address gets. */
export function assertAdmin(viewer: Viewer): void {
  if (!viewer.isAdmin) throw noSuchRoute()
}
