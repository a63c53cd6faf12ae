import 'server-only'
import type { Viewer } from '@/lib/auth/claims'
import { noSuchRoute } from '@/lib/http/errors'

/** Every admin write checks the role itself; anyone else (support included) gets what an unknown address gets. */
export function assertAdmin(viewer: Viewer): void {
  if (!viewer.isAdmin) throw noSuchRoute()
}

/** Every admin read checks the role itself: admin and support read the console, anyone else gets a 404. */
export function assertStaff(viewer: Viewer): void {
  if (!viewer.isStaff) throw noSuchRoute()
}
