import 'server-only'
import { z } from 'zod'
import { getSetting } from '@/lib/db/settings'
import { asService } from '@/lib/db/transactions'
import type { Queryable } from '@/lib/db/types'
import { logger } from '@/lib/log'

export const AUDIT_CHECKPOINT_SETTING = 'audit_chain_checkpoint'

/** The chain's head at one moment: a rewrite of the chain up to there changes the hash at that position. */
export const auditCheckpointSchema = z.object({
  position: z.number().int().min(1),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
})
export type AuditCheckpoint = z.infer<typeof auditCheckpointSchema>

export interface RecordedAuditCheckpoint {
  position: number
  hash: string
  recordedAt: string
}

/**
 * Writes the chain's head where the database cannot take it back: a structured log line, and the
 * billing_audit_chain_head_position metric Prometheus keeps (read from app_settings at scrape time).
 */
export async function checkpointAuditChain(at: Date): Promise<RecordedAuditCheckpoint> {
  const checkpoint = await asService(async (tx) => {
    const { rows } = await tx.query<RecordedAuditCheckpoint>(
      `insert into public.app_settings (key, value, updated_at)
       select $1, jsonb_build_object('position', chain_position, 'hash', hash, 'recordedAt', $2::timestamptz), now()
         from public.billing_audit_chain_head
       on conflict (key) do update set value = excluded.value, updated_at = excluded.updated_at
       returning (value ->> 'position')::bigint as position, value ->> 'hash' as hash, value ->> 'recordedAt' as "recordedAt"`,
      [AUDIT_CHECKPOINT_SETTING, at],
    )
    return rows[0]!
  })
  logger.info({ event: 'audit_chain_checkpoint', position: checkpoint.position, hash: checkpoint.hash }, 'audit chain checkpoint')
  return checkpoint
}

export function getAuditCheckpoint(tx: Queryable): Promise<RecordedAuditCheckpoint | null> {
  return getSetting<RecordedAuditCheckpoint>(tx, AUDIT_CHECKPOINT_SETTING)
}
