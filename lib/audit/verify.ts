import 'server-only'
import { getSetting, putSetting } from '@/lib/db/settings'
import type { Queryable } from '@/lib/db/types'
import type { AuditCheckpoint } from './checkpoint'
import { auditHashKey } from './hash-key'

export const AUDIT_VERIFICATION_SETTING = 'audit_chain_verification'

export interface AuditVerification {
  verifiedAt: string
  /** How many entries the chain had. */
  position: number
  /** The first entry that no longer matches, or null when the chain was whole. */
  brokenAt: number | null
}

/**
 * Null when every entry matches its content, its predecessor and the checkpoint (one recorded outside the
 * database); otherwise the chain position of the first that does not. Reads every entry.
 */
export async function findBrokenAuditLink(tx: Queryable, checkpoint?: AuditCheckpoint): Promise<number | null> {
  const { rows } = await tx.query<{ broken: number | null }>(`select public.verify_billing_audit_chain($1, $2, $3) as broken`, [
    auditHashKey(),
    checkpoint?.position ?? null,
    checkpoint?.hash ?? null,
  ])
  return rows[0]?.broken ?? null
}

/** Verifies the chain and records the outcome, which the audit page shows instead of verifying on each load. */
export async function verifyAndRecordAuditChain(tx: Queryable, at: Date, checkpoint?: AuditCheckpoint): Promise<AuditVerification> {
  // One statement, so the head's position and the verification read the same snapshot.
  const { rows } = await tx.query<{ brokenAt: number | null; position: number }>(
    `select public.verify_billing_audit_chain($1, $2, $3) as "brokenAt",
            (select chain_position from public.billing_audit_chain_head) as position`,
    [auditHashKey(), checkpoint?.position ?? null, checkpoint?.hash ?? null],
  )
  const verification: AuditVerification = { verifiedAt: at.toISOString(), position: rows[0]!.position, brokenAt: rows[0]!.brokenAt }
  await putSetting(tx, AUDIT_VERIFICATION_SETTING, verification)
  return verification
}

export function getLastAuditVerification(tx: Queryable): Promise<AuditVerification | null> {
  return getSetting<AuditVerification>(tx, AUDIT_VERIFICATION_SETTING)
}
