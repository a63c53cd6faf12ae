import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { getCustomerDetail } from '@/lib/admin/customer-detail'
import { getAdminOverview } from '@/lib/admin/overview'
import { switchGraceEnforcement } from '@/lib/admin/overview-enforcement'
import { createApiKey } from '@/lib/api-keys/keys'
import { getAuditLogPage, verifyAuditChain } from '@/lib/audit/admin'
import { recordAudit } from '@/lib/audit/record'
import { setDatabase } from '@/lib/db/client'
import { asUser } from '@/lib/db/transactions'
import type { Database } from '@/lib/db/types'
import { discardDeadEvent, replayDeadEvents } from '@/lib/webhooks/dead-letters'
import { createTestDatabase, testDatabaseKind } from '@/test/database'
import { ADMIN, ALICE, BOB, claimsFor, insertUsers, SUPPORT, viewerFor } from '@/test/fixtures'
import { viewerFromClaims } from './claims'

const READ_TABLES = ['subscriptions', 'invoices', 'billing_audit_log', 'customers', 'webhook_events', 'grace_periods', 'cron_runs', 'app_settings']

describe(`the read-only support role on ${testDatabaseKind}`, () => {
  let db: Database
  beforeAll(async () => {
    db = await createTestDatabase()
    setDatabase(db)
    await db.transaction(async (tx) => {
      await insertUsers(tx)
      for (const [user, suffix] of [[ALICE, 'alice'], [BOB, 'bob']] as const) {
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
        await tx.query(
          `insert into public.grace_periods (user_id, subscription_id, invoice_id, started_at, ends_at) values ($1, $2, $3, now(), now() + interval '7 days')`,
          [user.id, `sub_${suffix}`, `in_${suffix}`],
        )
        await recordAudit(tx, { actor: { type: 'stripe', id: 'evt_1' }, action: 'subscription.created', subject: { type: 'subscription', id: `sub_${suffix}` }, userId: user.id })
      }
      await tx.query(`insert into public.webhook_events (id, type, stripe_created_at, payload, status) values ('evt_dead', 'invoice.paid', now(), '{}', 'dead')`)
      await tx.query(`insert into public.cron_runs (job, started_at, status) values ('grace-periods', now(), 'succeeded')`)
      await tx.query(`insert into public.app_settings (key, value) values ('support_probe', '{}') on conflict do nothing`)
    })
  })
  afterAll(() => db.close())

  const countAs = (claims: ReturnType<typeof claimsFor>, table: string) =>
    asUser(claims, async (tx) => (await tx.query<{ n: number }>(`select count(*)::int as n from public.${table}`)).rows[0]!.n)

  it('is a claim only app_metadata carries: support reads the console and may not act; a user-set role is nobody', () => {
    expect(viewerFromClaims(claimsFor(SUPPORT, { role: 'support' }), true)).toMatchObject({ isStaff: true, isAdmin: false })
    expect(viewerFromClaims(claimsFor(ADMIN, { role: 'admin' }), true)).toMatchObject({ isStaff: true, isAdmin: true })
    expect(viewerFromClaims({ ...claimsFor(ALICE), user_metadata: { role: 'support' } } as ReturnType<typeof claimsFor>, true)).toMatchObject({ isStaff: false, isAdmin: false })
  })

  it("lets the database show support every row an admin sees, and a customer only their own", async () => {
    for (const table of READ_TABLES) {
      const asAdmin = await countAs(claimsFor(ADMIN, { role: 'admin' }), table)
      expect(asAdmin, table).toBeGreaterThan(0)
      expect(await countAs(claimsFor(SUPPORT, { role: 'support' }), table), table).toBe(asAdmin)
    }
    expect(await countAs(claimsFor(ALICE), 'invoices')).toBe(1)
    expect(await countAs(claimsFor(ALICE), 'webhook_events')).toBe(0)
  })

  it('gives support a read policy on every table an admin reads', async () => {
    const { rows } = await db.query<{ tablename: string }>(
      `select tablename from pg_policies where schemaname = 'public' and qual like '%is_billing_admin()%'
       except select tablename from pg_policies where schemaname = 'public' and qual like '%is_billing_support()%'
       order by 1`,
    )
    expect(rows).toEqual([])
  })

  it('refuses support every write in the database', async () => {
    const support = claimsFor(SUPPORT, { role: 'support' })
    const writes = [
      `update public.subscriptions set status = 'canceled' where id = 'sub_alice'`,
      `delete from public.invoices where id = 'in_alice'`,
      `insert into public.invoices (id, stripe_customer_id, status, currency, stripe_created_at) values ('in_x', 'cus_alice', 'paid', 'usd', now())`,
      `update public.grace_periods set status = 'resolved'`,
      `update public.webhook_events set status = 'discarded' where id = 'evt_dead'`,
      `update public.app_settings set value = '{"on": false}'`,
    ]
    for (const sql of writes) await expect(asUser(support, (tx) => tx.query(sql)), sql).rejects.toThrow(/permission denied/)
    const { rows } = await db.query<{ status: string }>(`select status from public.subscriptions where id = 'sub_alice'`)
    expect(rows[0]!.status).toBe('active')
  })

  it('shows support the admin pages’ data through the console’s reads', async () => {
    const support = viewerFor(SUPPORT, 'support')
    expect((await getAuditLogPage(support, { limit: 50 })).rows.map((row) => row.subjectId).sort()).toEqual(['sub_alice', 'sub_bob'])
    expect((await getCustomerDetail(support, ALICE.id))?.invoices.map((invoice) => invoice.id)).toEqual(['in_alice'])
    expect((await getAdminOverview(support)).deadLetters).toBe(1)
  })

  it('answers support 404 from every console action, as to a customer, and changes nothing', async () => {
    const support = viewerFor(SUPPORT, 'support')
    const refused = { code: 'no_such_route', status: 404 }
    await expect(discardDeadEvent(support, 'evt_dead', 'not mine to discard')).rejects.toMatchObject(refused)
    await expect(replayDeadEvents(support, { ids: ['evt_dead'] })).rejects.toMatchObject(refused)
    await expect(switchGraceEnforcement(support, false)).rejects.toMatchObject(refused)
    await expect(createApiKey(support, 'backend')).rejects.toMatchObject(refused)
    await expect(verifyAuditChain(support)).rejects.toMatchObject(refused)
    const { rows } = await db.query<{ status: string }>(`select status from public.webhook_events where id = 'evt_dead'`)
    expect(rows[0]!.status).toBe('dead')
    expect((await db.query(`select 1 from public.api_keys`)).rows).toEqual([])
  })
})
