import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApiKey } from '@/lib/api-keys/keys'
import { listApiKeys } from '@/lib/api-keys/queries'
import { setDatabase } from '@/lib/db/client'
import type { Database } from '@/lib/db/types'
import { listNotifications, notificationFilterSchema } from '@/lib/notifications/queries'
import { createTestDatabase, testDatabaseKind } from '@/test/database'
import { ADMIN, ALICE, BOB, insertUsers, viewerFor } from '@/test/fixtures'
import { insertPlans, openGrace, subscribeToTeam } from '@/test/usage-fixtures'
import { getCustomerDetail } from './customer-detail'
import { customerExists, searchCustomers } from './customers'

describe(`admin customer, notification and API key reads on ${testDatabaseKind}`, () => {
  let db: Database
  const admin = viewerFor(ADMIN, true)
  const emails = (rows: { email: string | null }[]) => rows.map((row) => row.email).sort()

  beforeAll(async () => {
    db = await createTestDatabase()
    setDatabase(db)
    await db.transaction(async (tx) => {
      await insertUsers(tx)
      await insertPlans(tx)
      const subscription = await subscribeToTeam(tx, ALICE, new Date())
      await openGrace(tx, ALICE, subscription, 'open', new Date(Date.now() + 3 * 86_400_000))
      await tx.query(`insert into public.usage_totals (user_id, metric, period_start, used) select $1, 'api_calls', current_period_start, 7 from public.subscriptions where id = $2`, [ALICE.id, subscription])
      await tx.query(`insert into public.subscription_cancellations (subscription_id, user_id, reason, requested_at) values ($1, $2, 'Too expensive for us', now())`, [subscription, ALICE.id])
      for (const [index, status] of (['sent', 'failed', 'pending'] as const).entries()) {
        await tx.query(
          `insert into public.notifications (user_id, kind, dedupe_key, status, attempts, last_error, created_at) values ($1, 'grace_started', $2, $3, $4, $5, now() - $6 * interval '1 minute')`,
          [index === 2 ? BOB.id : ALICE.id, `n${index}`, status, index + 1, status === 'failed' ? 'smtp refused' : null, index],
        )
      }
    })
  })
  afterAll(() => db.close())

  it('finds customers by email prefix in any case, or by exact Stripe id; wildcards are taken literally', async () => {
    expect(emails(await searchCustomers(admin, 'ALICE@'))).toEqual([ALICE.email])
    expect(emails(await searchCustomers(admin, BOB.customer))).toEqual([BOB.email])
    expect(emails(await searchCustomers(admin, undefined))).toEqual([ALICE.email, BOB.email])
    expect(await searchCustomers(admin, '%')).toEqual([])
    expect(await searchCustomers(admin, 'cus_ali')).toEqual([])
    expect((await searchCustomers(admin, 'alice'))[0]).toMatchObject({ planName: 'team', subscriptionStatus: 'active' })
  })

  it("gathers a customer's plan, usage, grace periods and notifications; null for nobody", async () => {
    const alice = await getCustomerDetail(admin, ALICE.id)
    expect(alice).toMatchObject({ email: ALICE.email, stripeCustomerId: ALICE.customer, plan: { name: 'team' }, subscription: { status: 'active' } })
    expect(alice!.usage.metrics.find((metric) => metric.metric === 'api_calls')).toMatchObject({ used: 7, limit: 50 })
    expect(alice!.gracePeriods.map((period) => period.status)).toEqual(['open'])
    expect(alice!.notifications.map((row) => row.status)).toEqual(['sent', 'failed'])
    expect(alice!.cancellations).toEqual([expect.objectContaining({ reason: 'Too expensive for us', resumedAt: null })])
    expect(await getCustomerDetail(admin, '99999999-9999-4999-8999-999999999999')).toBeNull()
    expect([await customerExists(admin, ALICE.id), await customerExists(admin, '99999999-9999-4999-8999-999999999999'), await customerExists(admin, 'evt_x')]).toEqual([true, false, false])
  })

  it('lists the outbox newest first by status with recipients and errors, paged by cursor', async () => {
    const failed = await listNotifications(admin, notificationFilterSchema.parse({ status: 'failed' }))
    expect(failed.rows).toEqual([expect.objectContaining({ recipient: ALICE.email, status: 'failed', attempts: 2, lastError: 'smtp refused' })])
    const first = await listNotifications(admin, notificationFilterSchema.parse({ limit: 2 }))
    expect(first.rows.map((row) => row.status)).toEqual(['sent', 'failed'])
    const second = await listNotifications(admin, notificationFilterSchema.parse({ limit: 2, after: first.nextCursor }))
    expect(second).toEqual({ rows: [expect.objectContaining({ status: 'pending', recipient: BOB.email })], nextCursor: null })
  })

  it('lists API keys by prefix only, and refuses every read to a non-admin', async () => {
    const { key } = await createApiKey(admin, 'backend')
    const keys = await listApiKeys(admin)
    expect(keys).toEqual([expect.objectContaining({ name: 'backend', prefix: key.slice(0, 10), createdBy: ADMIN.email, revokedAt: null })])
    expect(JSON.stringify(keys)).not.toContain(key)
    const alice = viewerFor(ALICE)
    for (const read of [() => searchCustomers(alice, undefined), () => getCustomerDetail(alice, ALICE.id), () => listApiKeys(alice), () => listNotifications(alice, notificationFilterSchema.parse({}))]) {
      await expect(read()).rejects.toMatchObject({ status: 404, code: 'no_such_route' })
    }
  })
})
