import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type Stripe from 'stripe'
import type { Database } from '@/lib/db/types'
import { env } from '@/lib/env'
import type { Mailer } from '@/lib/notifications/mailer'
import { testDatabaseKind } from '@/test/database'
import { startSeededStack, type SeededStack } from '@/test/emulator'
import { DAY_MS, failRenewal, graceRows, planPrices, subscribeOnTestClock, type ClockCustomer } from '@/test/integration/grace-setup'
import { runGraceJob } from './expire-job'

const dana = { id: '00000000-0000-4000-8000-0000000da7a1', email: 'dana@grace.example' }
const omar = { id: '00000000-0000-4000-8000-0000000a3a21', email: 'omar@grace.example' }
const quietMailer: Mailer = { deliver: async () => undefined }

describe(`grace settings: a plan's own grace period and canceling at expiry, on ${testDatabaseKind}`, () => {
  let stack: SeededStack
  let stripe: Stripe
  let db: Database
  let prices: Awaited<ReturnType<typeof planPrices>>
  let onStarter: ClockCustomer
  let onPro: ClockCustomer

  beforeAll(async () => {
    stack = await startSeededStack()
    ;({ stripe, db } = stack)
    prices = await planPrices()
  })
  afterAll(() => stack.close())

  it("opens a grace period as long as the plan product's grace_period_days says (3 days), other plans keeping the default", async () => {
    const starter = await stripe.prices.retrieve(prices.Starter)
    await stripe.products.update(starter.product as string, { metadata: { grace_period_days: '3' } })
    await stack.deliverEvents()

    onStarter = await subscribeOnTestClock(db, stripe, dana, prices.Starter)
    onPro = await subscribeOnTestClock(db, stripe, omar, prices.Pro)
    await stack.deliverEvents()
    const starterInvoice = await failRenewal(stripe, onStarter)
    const proInvoice = await failRenewal(stripe, onPro)
    await stack.deliverEvents()

    const startOf = (invoice: Stripe.Invoice) => invoice.status_transitions.finalized_at! * 1000
    expect(await graceRows(db, onStarter.subscription.id)).toMatchObject([
      { status: 'open', started_at: new Date(startOf(starterInvoice)), ends_at: new Date(startOf(starterInvoice) + 3 * DAY_MS) },
    ])
    expect(await graceRows(db, onPro.subscription.id)).toMatchObject([
      { status: 'open', ends_at: new Date(startOf(proInvoice) + env.GRACE_PERIOD_DAYS * DAY_MS) },
    ])
  })

  it('cancels the Stripe subscriptions of expired grace periods only with GRACE_CANCEL_SUBSCRIPTION=on, once', async () => {
    const subscriptions = [onStarter.subscription.id, onPro.subscription.id]
    const statusInStripe = async () => Promise.all(subscriptions.map(async (id) => (await stripe.subscriptions.retrieve(id)).status))
    // Past the later deadline (the Pro plan's 7 days), so both grace periods expire.
    const [proGrace] = await graceRows(db, onPro.subscription.id)
    const afterDeadlines = () => new Date((proGrace!.ends_at as Date).getTime() + 60_000)

    expect(await runGraceJob({ now: afterDeadlines, mailer: quietMailer })).toMatchObject({ expired: 2, canceled: 0 })
    expect(await statusInStripe()).toEqual(['past_due', 'past_due'])

    const previous = env.GRACE_CANCEL_SUBSCRIPTION
    env.GRACE_CANCEL_SUBSCRIPTION = 'on'
    try {
      expect(await runGraceJob({ now: afterDeadlines, mailer: quietMailer })).toMatchObject({ expired: 0, canceled: 2, cancelFailed: 0 })
      expect(await statusInStripe()).toEqual(['canceled', 'canceled'])
      await stack.deliverEvents()
      const { rows } = await db.query(`select status from public.subscriptions where id = any($1::text[])`, [subscriptions])
      expect(rows).toEqual([{ status: 'canceled' }, { status: 'canceled' }])
      expect(await runGraceJob({ now: afterDeadlines, mailer: quietMailer })).toMatchObject({ canceled: 0 })
    } finally {
      env.GRACE_CANCEL_SUBSCRIPTION = previous
    }
    const { rows: audit } = await db.query<{ subject_id: string }>(
      `select subject_id from public.billing_audit_log where action = 'subscription.cancel_requested' order by subject_id`,
    )
    expect(audit.map((row) => row.subject_id)).toEqual([...subscriptions].sort())
  })
})
