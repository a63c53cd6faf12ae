import 'server-only'
import type { Viewer } from '@/lib/auth/claims'
import { now } from '@/lib/clock'
import { asService } from '@/lib/db/transactions'
import { noSuchRoute } from '@/lib/http/errors'
import { auditCheckpointSchema, type AuditCheckpoint } from './checkpoint'
import { streamAuditExport, type AuditExportFormat } from './export'
import { auditCriteriaOf, getAuditEntryAtPosition, listAuditEntries, type AuditCriteria, type AuditFilter, type AuditLogRow } from './queries'
import { getLastAuditVerification, verifyAndRecordAuditChain, type AuditVerification } from './verify'

/** The audit log for the admin console, with the last verification's outcome; refuses anyone who is not admin or support. */
export async function getAuditLogPage(viewer: Viewer, filter: AuditFilter) {
  if (!viewer.isStaff) throw noSuchRoute()
  return asService(async (tx) => ({ ...(await listAuditEntries(tx, filter)), lastVerification: await getLastAuditVerification(tx) }))
}

/**
 * Verifies the whole chain, optionally against a checkpoint taken from the logs or Prometheus, and records the
 * outcome. An admin action: it reads every entry, so no page load runs it.
 */
export async function verifyAuditChain(viewer: Viewer, checkpoint?: AuditCheckpoint): Promise<AuditVerification> {
  if (!viewer.isAdmin) throw noSuchRoute()
  const trusted = checkpoint ? auditCheckpointSchema.parse(checkpoint) : undefined
  return asService((tx) => verifyAndRecordAuditChain(tx, now(), trusted))
}

/** Verifies the chain (as verifyAuditChain) and names the entry at the first broken link, when it still has one. */
export async function verifyAuditChainNamingBreak(viewer: Viewer, checkpoint?: AuditCheckpoint): Promise<AuditVerification & { brokenEntry: AuditLogRow | null }> {
  const verification = await verifyAuditChain(viewer, checkpoint)
  const brokenEntry = verification.brokenAt === null ? null : await asService((tx) => getAuditEntryAtPosition(tx, verification.brokenAt!))
  return { ...verification, brokenEntry }
}

/** The entries matching the criteria as a CSV or NDJSON stream, newest first; refuses anyone who is not admin or support. */
export function exportAuditLog(viewer: Viewer, criteria: AuditCriteria, format: AuditExportFormat): ReadableStream<Uint8Array> {
  if (!viewer.isStaff) throw noSuchRoute()
  return streamAuditExport(auditCriteriaOf(criteria), format)
}
