import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { foldSubscriptionTotals } from '@/lib/billing/subscription-totals'
import { setDatabase } from '@/lib/db/client'
import type { Database } from '@/lib/db/types'
import { isGraceEnforcementOn } from '@/lib/usage/enforcement-switch'
import { createTestDatabase, testDatabaseKind } from '@/test/database'
import { ADMIN, ALICE, BOB, insertUsers, viewerFor } from '@/test/fixtures'
import { getAdminOverview } from './overview'
import { switchGraceEnforcement } from './overview-enforcement'

const admin = viewerFor(ADMIN, true)
const customer = viewerFor(ALICE)
const HOUR = 3_600_000

describe(`admin overview on ${testDatabaseKind}`, () => {
  let db: Database
  const ago = (ms: number) => new Date(Date.now() - ms)

  beforeAll(async () => {
    db = await createTestDatabase()
    setDatabase(db)
    await db.transaction(insertUsers)
    await db.exec(`
      insert into public.products (id, name) values ('prod_starter', 'Starter'), ('prod_pro', 'Pro');
      insert into public.prices (id, product_id, currency, unit_amount, recurring_interval, recurring_interval_count) values
        ('price_starter_month', 'prod_starter', 'usd', 1900, 'month', 1),
        ('price_pro_year', 'prod_pro', 'usd', 99000, 'year', 1),
        ('price_pro_eur', 'prod_pro', 'eur', 4500, 'month', 1);`)
    const subscriptions: [string, string, string, string][] = [
      ['sub_1', ALICE.id, 'active', 'price_starter_month'],
      ['sub_2', BOB.id, 'past_due', 'price_pro_year'],
      ['sub_3', BOB.id, 'trialing', 'price_starter_month'],
      ['sub_4', ALICE.id, 'canceled', 'price_pro_year'],
      ['sub_5', ALICE.id, 'active', 'price_pro_eur'],
    ]
    for (const [id, userId, status, price] of subscriptions) {
      await db.query(`insert into public.subscriptions (id, user_id, stripe_customer_id, status, price_id, created_at) values ($1, $2, 'cus_x', $3, $4, now())`, [id, userId, status, price])
    }
    const events: [string, string, Date][] = [
      ['evt_1', 'processed', ago(HOUR)],
      ['evt_2', 'processed', ago(2 * HOUR)],
      ['evt_3', 'ignored', ago(3 * HOUR)],
      ['evt_4', 'dead', ago(4 * HOUR)],
      ['evt_5', 'failed', ago(30 * HOUR)],
      ['evt_6', 'dead', ago(48 * HOUR)],
    ]
    for (const [id, status, at] of events) {
      await db.query(`insert into public.webhook_events (id, type, stripe_created_at, payload, status, received_at) values ($1, 'invoice.paid', $2, '{}', $3, $2)`, [id, at, status])
    }
    await db.query(`insert into public.grace_periods (subscription_id, user_id, invoice_id, status, started_at, ends_at) values ('sub_2', $1, 'in_1', 'open', now(), now() + interval '7 days')`, [BOB.id])
    await db.query(
      `insert into public.cron_runs (job, started_at, finished_at, status) values
         ('webhook-retry', $1, $1, 'succeeded'), ('grace-periods', $2, $2, 'succeeded'), ('grace-periods', $3, $3, 'failed')`,
      [ago(5 * 60_000), ago(2 * HOUR), ago(HOUR / 2)],
    )
  })
  afterAll(() => db.close())

  it('sums the figures an admin sees, counting a yearly price as a twelfth per month', async () => {
    const overview = await getAdminOverview(admin)
    expect(overview.subscriptionsByPlan).toEqual([
      { plan: 'Pro', count: 2 },
      { plan: 'Starter', count: 2 },
    ])
    // Starter 19.00 + Pro 990.00 / 12 = 101.50 in USD (the trial pays nothing yet); 45.00 in EUR.
    expect(overview.monthlyRecurringRevenue).toEqual([
      { currency: 'eur', amount: 4500 },
      { currency: 'usd', amount: 1900 + 8250 },
    ])
    expect(overview.webhooks).toEqual({ succeeded: 3, failed: 1, pending: 0, successRate: 0.75 })
    expect(overview).toMatchObject({ deadLetters: 2, openGracePeriods: 1 })
  })

  it('marks a cron job late by the health check rule and lists a job that never ran', async () => {
    const jobs = Object.fromEntries((await getAdminOverview(admin)).cronJobs.map((job) => [job.job, job]))
    // Every 5 minutes, so late after 20 without a success.
    expect(jobs['webhook-retry']).toMatchObject({ late: false, lastStatus: 'succeeded' })
    // The daily job last ran 30 minutes ago and failed, but it succeeded 2 hours ago: within its 26 hours.
    expect(jobs['grace-periods']).toMatchObject({ late: false, lastStatus: 'failed' })
    expect(jobs.notifications).toMatchObject({ lastRunAt: null, late: false })
    await db.query(`insert into public.cron_runs (job, started_at, finished_at, status) values ('notifications', $1, $1, 'succeeded')`, [ago(HOUR)])
    expect((await getAdminOverview(admin)).cronJobs.find((job) => job.job === 'notifications')).toMatchObject({ late: true })
  })

  it('switches grace enforcement off and on, each audited with the state before and after', async () => {
    expect((await getAdminOverview(admin)).graceEnforcement).toEqual({ on: true, source: 'environment' })
    expect(await switchGraceEnforcement(admin, false)).toEqual({ on: false, source: 'admin' })
    expect(await db.transaction(isGraceEnforcementOn)).toBe(false)
    await switchGraceEnforcement(admin, true)
    const { rows } = await db.query<{ action: string; actor_id: string; before: unknown; after: unknown }>(
      `select action, actor_id, before, after from public.billing_audit_log where subject_id = 'grace_enforcement' order by id`,
    )
    expect(rows).toEqual([
      { action: 'grace_enforcement.turned_off', actor_id: ADMIN.id, before: { on: true, source: 'environment' }, after: { on: false, source: 'admin' } },
      { action: 'grace_enforcement.turned_on', actor_id: ADMIN.id, before: { on: false, source: 'admin' }, after: { on: true, source: 'admin' } },
    ])
  })

  it('keeps plan counts and revenue right as subscriptions change, before the retry job folds the changes and after', async () => {
    await db.query(`update public.subscriptions set status = 'canceled' where id = 'sub_1'`)
    await db.query(`update public.subscriptions set status = 'active', price_id = 'price_pro_year' where id = 'sub_3'`)
    await db.query(`update public.subscriptions set quantity = 3, updated_at = now() where id = 'sub_5'`)
    await db.query(`update public.subscriptions set updated_at = now() where id = 'sub_2'`)
    await db.query(`delete from public.subscriptions where id = 'sub_4'`)
    const expected = {
      subscriptionsByPlan: [{ plan: 'Pro', count: 3 }],
      // Two yearly Pro at 990.00 / 12 in USD; three seats of 45.00 in EUR.
      monthlyRecurringRevenue: [
        { currency: 'eur', amount: 3 * 4500 },
        { currency: 'usd', amount: 2 * 8250 },
      ],
    }
    expect(await getAdminOverview(admin)).toMatchObject(expected)
    expect(await db.transaction(foldSubscriptionTotals)).toBeGreaterThan(0)
    expect((await db.query(`select count(*)::int as n from public.subscription_total_deltas`)).rows).toEqual([{ n: 0 }])
    expect(await getAdminOverview(admin)).toMatchObject(expected)
  })

  it('refuses a customer as an unknown address', async () => {
    await expect(getAdminOverview(customer)).rejects.toMatchObject({ status: 404, code: 'no_such_route' })
    await expect(switchGraceEnforcement(customer, false)).rejects.toMatchObject({ status: 404 })
  })
})
