import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { setDatabase } from '@/lib/db/client'
import type { Database } from '@/lib/db/types'
import { createTestDatabase, testDatabaseKind } from '@/test/database'
import { ADMIN, ALICE, viewerFor } from '@/test/fixtures'
import { exportAuditLog, verifyAuditChainNamingBreak } from './admin'
import { recordAudit } from './record'

const admin = viewerFor(ADMIN, true)
const customer = viewerFor(ALICE)

describe(`"Verify chain" names the entry changed behind the trigger's back on ${testDatabaseKind}`, () => {
  let db: Database

  beforeAll(async () => {
    db = await createTestDatabase()
    setDatabase(db)
    for (const id of ['in_1', 'in_2', 'in_3', 'in_4']) {
      await db.transaction((tx) => recordAudit(tx, { actor: { type: 'stripe', id: `evt_${id}` }, action: 'invoice.paid', subject: { type: 'invoice', id }, after: { amount_paid: 1000 } }))
    }
  })
  afterAll(() => db.close())

  it('finds the chain whole before anyone touches it', async () => {
    expect(await verifyAuditChainNamingBreak(admin)).toMatchObject({ position: 4, brokenAt: null, brokenEntry: null })
  })

  it('names the row the table owner edited with the append-only trigger switched off', async () => {
    const { rows } = await db.query<{ id: number }>(`select id from public.billing_audit_log where subject_id = 'in_3'`)
    // The owner role can switch its own table's triggers off: the database cannot stop it, only the chain shows it.
    await db.transaction(async (tx) => {
      await tx.query(`set local role billing_audit_owner`)
      await tx.query(`alter table public.billing_audit_log disable trigger billing_audit_log_append_only`)
      await tx.query(`update public.billing_audit_log set after = '{"amount_paid": 1}' where subject_id = 'in_3'`)
      await tx.query(`alter table public.billing_audit_log enable trigger billing_audit_log_append_only`)
    })
    const verification = await verifyAuditChainNamingBreak(admin)
    expect(verification).toMatchObject({ position: 4, brokenAt: 3 })
    expect(verification.brokenEntry).toMatchObject({ id: rows[0]!.id, action: 'invoice.paid', subjectType: 'invoice', subjectId: 'in_3', after: { amount_paid: 1 } })
  })

  it('refuses a customer verification and export as an unknown address', async () => {
    await expect(verifyAuditChainNamingBreak(customer)).rejects.toMatchObject({ status: 404, code: 'no_such_route' })
    expect(() => exportAuditLog(customer, {}, 'csv')).toThrow(expect.objectContaining({ status: 404, code: 'no_such_route' }))
  })
})
