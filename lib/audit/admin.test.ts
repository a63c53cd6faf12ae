import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { setDatabase } from '@/lib/db/client'
import type { Database } from '@/lib/db/types'
import { createTestDatabase, testDatabaseKind } from '@/test/database'
import { ADMIN, ALICE, viewerFor } from '@/test/fixtures'
import { getAuditLogPage, verifyAuditChain } from './admin'
import { auditFilterSchema } from './queries'
import { recordAudit } from './record'

const admin = viewerFor(ADMIN, true)
const customer = viewerFor(ALICE)
const firstPage = auditFilterSchema.parse({})

describe(`audit chain verification for admins on ${testDatabaseKind}`, () => {
  let db: Database
  const hashAt = async (position: number) =>
    (await db.query<{ hash: string }>(`select hash from public.billing_audit_log where chain_position = $1`, [position])).rows[0]!.hash

  beforeAll(async () => {
    db = await createTestDatabase()
    setDatabase(db)
    for (const id of ['1', '2', '3']) {
      await db.transaction((tx) => recordAudit(tx, { actor: { type: 'system', id: 'test' }, action: 'test.appended', subject: { type: 'test', id } }))
    }
  })
  afterAll(() => db.close())

  it('answers non-admins as an unknown address, for the page and for verification', async () => {
    await expect(getAuditLogPage(customer, firstPage)).rejects.toMatchObject({ code: 'no_such_route', status: 404 })
    await expect(verifyAuditChain(customer)).rejects.toMatchObject({ code: 'no_such_route', status: 404 })
  })

  it('verifies against a checkpoint taken from outside the database', async () => {
    expect(await verifyAuditChain(admin, { position: 3, hash: await hashAt(3) })).toMatchObject({ brokenAt: null, position: 3 })
    expect(await verifyAuditChain(admin, { position: 3, hash: 'f'.repeat(64) })).toMatchObject({ brokenAt: 3 })
    await expect(verifyAuditChain(admin, { position: 3, hash: 'not a hash' })).rejects.toThrow()
  })

  it('shows the last recorded verification on the audit page instead of verifying on each load', async () => {
    const intact = await verifyAuditChain(admin)
    expect(intact).toEqual({ verifiedAt: expect.any(String), position: 3, brokenAt: null })
    expect((await getAuditLogPage(admin, firstPage)).lastVerification).toEqual(intact)

    await db.exec(`alter table public.billing_audit_log disable trigger billing_audit_log_append_only;
      update public.billing_audit_log set action = 'forged' where chain_position = 2;
      alter table public.billing_audit_log enable trigger billing_audit_log_append_only;`)
    const page = await getAuditLogPage(admin, firstPage)
    expect(page.rows).toHaveLength(3)
    expect(page.lastVerification).toEqual(intact)

    const broken = await verifyAuditChain(admin)
    expect(broken).toMatchObject({ position: 3, brokenAt: 2 })
    expect((await getAuditLogPage(admin, firstPage)).lastVerification).toEqual(broken)
  })
})
