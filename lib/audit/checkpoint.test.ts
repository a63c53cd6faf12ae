import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { setDatabase } from '@/lib/db/client'
import type { Database } from '@/lib/db/types'
import { logger } from '@/lib/log'
import { renderMetrics } from '@/lib/monitoring/collect'
import { runWebhookRetryJob } from '@/lib/webhooks/retry-job'
import { createTestDatabase, testDatabaseKind } from '@/test/database'
import { checkpointAuditChain, getAuditCheckpoint } from './checkpoint'
import { recordAudit } from './record'

describe(`audit chain checkpoints on ${testDatabaseKind}`, () => {
  let db: Database
  const head = async () => (await db.query<{ position: number; hash: string }>(`select chain_position as position, hash from public.billing_audit_chain_head`)).rows[0]!

  beforeAll(async () => {
    db = await createTestDatabase()
    setDatabase(db)
    for (const id of ['1', '2']) {
      await db.transaction((tx) => recordAudit(tx, { actor: { type: 'system', id: 'test' }, action: 'test.appended', subject: { type: 'test', id } }))
    }
  })
  afterAll(() => db.close())

  it('writes the head to a log line, to app_settings and to a Prometheus gauge', async () => {
    const info = vi.spyOn(logger, 'info')
    const at = new Date('2026-11-25T12:00:00Z')
    const { position, hash } = await head()
    expect(position).toBe(2)

    expect(await checkpointAuditChain(at)).toMatchObject({ position, hash })
    expect(info).toHaveBeenCalledWith({ event: 'audit_chain_checkpoint', position, hash }, expect.any(String))
    const stored = await getAuditCheckpoint(db)
    expect(stored).toMatchObject({ position, hash })
    expect(Date.parse(stored!.recordedAt)).toBe(at.getTime())
    const { body } = await renderMetrics()
    expect(body).toContain(`billing_audit_chain_head_position{hash_prefix="${hash.slice(0, 8)}"} 2`)
    info.mockRestore()
  })

  it('is taken at the end of every webhook retry run', async () => {
    const at = new Date('2026-11-25T12:05:00Z')
    await runWebhookRetryJob({ reconcile: false, now: () => at })
    const stored = await getAuditCheckpoint(db)
    expect(stored).toMatchObject(await head())
    expect(Date.parse(stored!.recordedAt)).toBe(at.getTime())
  })
})
