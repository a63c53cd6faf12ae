import 'server-only'
import type { Viewer } from '@/lib/auth/claims'
import { asService } from '@/lib/db/transactions'
import { noSuchRoute } from '@/lib/http/errors'
import { findBrokenAuditLink, listAuditEntries, type AuditFilter } from './queries'

/** The audit log for the admin console; refuses anyone who is not an admin. */
export async function getAuditLogPage(viewer: Viewer, filter: AuditFilter) {
  if (!viewer.isAdmin) throw noSuchRoute()
  return asService(async (tx) => ({ ...(await listAuditEntries(tx, filter)), brokenAt: await findBrokenAuditLink(tx) }))
}
