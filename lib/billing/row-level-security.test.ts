import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { getAuditLogPage } from '@/lib/audit/admin'
import { recordAudit } from '@/lib/audit/record'
import { setDatabase } from '@/lib/db/client'
import { asUser } from '@/lib/db/transactions'
import type { Database } from '@/lib/db/types'
import { createTestDatabase, testDatabaseKind } from '@/test/database'
import { ADMIN, ALICE, BOB, claimsFor, insertUsers, viewerFor } from '@/test/fixtures'
import { getCurrentSubscription, listInvoices } from './queries'

async function insertBillingRows(db: Database, user: typeof ALICE, suffix: string) {
  await db.transaction(async (tx) => {
    await tx.query(
      `insert into public.subscriptions (id, user_id, stripe_customer_id, status, price_id, item_id, created_at)
       values ($1, $2, $3, 'active', 'price_starter', $4, now())`,
      [`sub_${suffix}`, user.id, user.customer, `si_${suffix}`],
    )
    await tx.query(
      `insert into public.invoices (id, user_id, stripe_customer_id, subscription_id, status, currency, total, stripe_created_at)
       values ($1, $2, $3, $4, 'paid', 'usd', 1900, now())`,
      [`in_${suffix}`, user.id, user.customer, `sub_${suffix}`],
    )
    await recordAudit(tx, { actor: { type: 'stripe', id: 'evt_1' }, action: 'subscription.created', subject: { type: 'subscription', id: `sub_${suffix}` }, userId: user.id })
  })
}

describe(`row-level security on ${testDatabaseKind}`, () => {
  let db: Database
  beforeAll(async () => {
    db = await createTestDatabase()
    setDatabase(db)
    await db.transaction(insertUsers)
    await insertBillingRows(db, ALICE, 'alice')
    await insertBillingRows(db, BOB, 'bob')
    await db.query(`insert into public.webhook_events (id, type, stripe_created_at, payload) values ('evt_1', 'invoice.paid', now(), '{}')`)
  })
  afterAll(() => db.close())

  const countAs = (claims: ReturnType<typeof claimsFor>, table: string) =>
    asUser(claims, async (tx) => (await tx.query<{ n: number }>(`select count(*)::int as n from public.${table}`)).rows[0]!.n)

  it("shows a customer their own subscription, invoices and audit entries and nobody else's", async () => {
    const alice = claimsFor(ALICE)
    for (const table of ['subscriptions', 'invoices', 'billing_audit_log', 'customers']) {
      expect(await countAs(alice, table), table).toBe(1)
    }
    const ids = await asUser(alice, async (tx) => ({
      subscription: (await tx.query<{ id: string }>(`select id from public.subscriptions`)).rows.map((row) => row.id),
      invoices: (await tx.query<{ id: string }>(`select id from public.invoices`)).rows.map((row) => row.id),
      audit: (await tx.query<{ subject_id: string }>(`select subject_id from public.billing_audit_log`)).rows.map((row) => row.subject_id),
    }))
    expect(ids).toEqual({ subscription: ['sub_alice'], invoices: ['in_alice'], audit: ['sub_alice'] })
  })

  it("returns nothing when a customer asks for another customer's rows by id", async () => {
    const asAlice = (fn: Parameters<typeof asUser>[1]) => asUser(claimsFor(ALICE), fn)
    expect(await asAlice((tx) => getCurrentSubscription(tx, BOB.id))).toBeNull()
    expect(await asAlice((tx) => listInvoices(tx, BOB.id))).toEqual([])
    expect(await asAlice(async (tx) => (await tx.query(`select * from public.billing_audit_log where user_id = $1`, [BOB.id])).rows)).toEqual([])
  })

  it('refuses every write on the customer path', async () => {
    await expect(
      asUser(claimsFor(ALICE), (tx) => tx.query(`update public.subscriptions set price_id = 'price_pro' where id = 'sub_alice'`)),
    ).rejects.toThrow(/permission denied/)
    await expect(
      asUser(claimsFor(ALICE), (tx) => tx.query(`insert into public.invoices (id, stripe_customer_id, status, currency, stripe_created_at) values ('in_x', 'cus_alice', 'paid', 'usd', now())`)),
    ).rejects.toThrow(/permission denied/)
  })

  it('hides webhook events and cron runs from customers and shows them to admins', async () => {
    expect(await countAs(claimsFor(ALICE), 'webhook_events')).toBe(0)
    expect(await countAs(claimsFor(ADMIN, { role: 'admin' }), 'webhook_events')).toBe(1)
    expect(await countAs(claimsFor(ADMIN, { role: 'admin' }), 'subscriptions')).toBe(2)
  })

  it('gives a non-admin no audit log through the admin path', async () => {
    await expect(getAuditLogPage(viewerFor(ALICE), { limit: 50 })).rejects.toMatchObject({ code: 'no_such_route', status: 404 })
    const page = await getAuditLogPage(viewerFor(ADMIN, true), { limit: 50 })
    expect(page.rows.map((row) => row.subjectId).sort()).toEqual(['sub_alice', 'sub_bob'])
  })
})
