import type Stripe from 'stripe'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { Database } from '@/lib/db/types'
import { runGraceJob } from '@/lib/grace/expire-job'
import { renderMetrics } from '@/lib/monitoring/collect'
import type { Mailer, OutgoingMessage } from '@/lib/notifications/mailer'
import { consumeQuota } from '@/lib/usage/consume'
import type { RunningEmulator } from '@/stripe-emulator/src/server'
import { testDatabaseKind } from '@/test/database'
import { startSeededStack } from '@/test/emulator'
import { auditActions, DAY_MS, failRenewal, graceRows, notificationKinds, planPrices, subscribeOnTestClock, payWithCard, type ClockCustomer } from './grace-setup'

const carol = { id: '00000000-0000-4000-8000-00000000c0a1', email: 'carol@grace.example' }

describe(`a failed renewal runs through its grace period, and usage follows it, on ${testDatabaseKind}`, () => {
  let db: Database
  let stripe: Stripe
  let emulator: RunningEmulator
  let deliverEvents: () => Promise<void>
  let customer: ClockCustomer
  let failedInvoice: Stripe.Invoice
  const inbox: OutgoingMessage[] = []
  const mailer: Mailer = { deliver: async (message) => void inbox.push(message) }
  const runJob = () => runGraceJob({ mailer })
  let usageKey = 0
  const use = (metric: string, quantity: number) => consumeQuota(carol.id, { metric, quantity, idempotencyKey: `story-${++usageKey}` })

  beforeAll(async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(Date.now())
    ;({ db, stripe, emulator, deliverEvents } = await startSeededStack())
    customer = await subscribeOnTestClock(db, stripe, carol, (await planPrices()).Starter)
    await deliverEvents()
  })
  afterAll(async () => {
    vi.useRealTimers()
    await emulator.close()
    await db.close()
  })

  it('opens one audited grace period of 7 days when the renewal payment fails, and queues grace_started', async () => {
    failedInvoice = await failRenewal(stripe, customer)
    expect(failedInvoice.status).toBe('open')
    await deliverEvents()

    const rows = await graceRows(db, customer.subscription.id)
    expect(rows).toHaveLength(1)
    const finalizedAt = failedInvoice.status_transitions.finalized_at! * 1000
    expect(rows[0]).toMatchObject({
      user_id: carol.id,
      invoice_id: failedInvoice.id,
      status: 'open',
      amount_due: 1900,
      currency: 'usd',
      started_at: new Date(finalizedAt),
      ends_at: new Date(finalizedAt + 7 * DAY_MS),
    })
    expect(await auditActions(db, rows[0]!.id as string)).toEqual(['grace_period.opened'])
    expect(await notificationKinds(db, carol.id)).toEqual(['grace_started'])
    // During grace the plan's quotas still apply, with a warning naming the deadline.
    expect(await use('seats', 2)).toMatchObject({ limit: 5, warning: expect.stringContaining(new Date(finalizedAt + 7 * DAY_MS).toISOString()) })
    await expect(use('seats', 4)).rejects.toMatchObject({ status: 429, code: 'quota_exceeded', headers: { 'x-quota-limit': '5', 'x-quota-remaining': '3' } })
  })

  it('queues the 3-days-left and 1-day-left reminders once each, however often the job runs', async () => {
    const [grace] = await graceRows(db, customer.subscription.id)
    const endsAt = (grace!.ends_at as Date).getTime()
    vi.setSystemTime(endsAt - 3 * DAY_MS + 60_000)
    await runJob()
    await runJob()
    expect(await notificationKinds(db, carol.id)).toEqual(['grace_started', 'grace_ending:3d'])
    vi.setSystemTime(endsAt - DAY_MS + 60_000)
    await runJob()
    await runJob()
    expect(await notificationKinds(db, carol.id)).toEqual(['grace_started', 'grace_ending:3d', 'grace_ending:1d'])
    expect((await graceRows(db, customer.subscription.id))[0]!.status).toBe('open')
    expect(inbox.map((message) => [message.to, message.subject])).toEqual([
      [carol.email, 'Your payment of $19.00 failed'],
      [carol.email, '3 days left to pay $19.00'],
      [carol.email, '1 day left to pay $19.00'],
    ])
  })

  it('expires the grace period once its deadline passes, audits it and queues grace_expired', async () => {
    const [grace] = await graceRows(db, customer.subscription.id)
    const endsAt = (grace!.ends_at as Date).getTime()
    vi.setSystemTime(endsAt + 60_000)
    const first = await runJob()
    const second = await runJob()
    expect([first.expired, second.expired]).toEqual([1, 0])

    const [expired] = await graceRows(db, customer.subscription.id)
    expect(expired).toMatchObject({ status: 'expired', expired_at: new Date(endsAt + 60_000), closed_reason: 'deadline_passed' })
    expect(await auditActions(db, grace!.id as string)).toEqual(['grace_period.opened', 'grace_period.expired'])
    expect(await notificationKinds(db, carol.id)).toEqual(['grace_started', 'grace_ending:3d', 'grace_ending:1d', 'grace_expired'])
    expect((await stripe.subscriptions.retrieve(customer.subscription.id)).status).not.toBe('canceled')
    // Held to the free plan: within its quotas allowed, beyond them payment is required.
    expect(await use('api_calls', 5)).toMatchObject({ limit: 1000, warning: null })
    await expect(use('seats', 2)).rejects.toMatchObject({ status: 402, code: 'payment_required', headers: { 'x-quota-limit': '1' } })
    // Beyond what the paid plan includes, paying would not help: the quota is used up (429).
    await expect(use('api_calls', 60_000)).rejects.toMatchObject({ status: 429, code: 'quota_exceeded', headers: { 'x-quota-limit': '1000' } })
    const { rows: runs } = await db.query(`select status, counts from public.cron_runs where job = 'grace-periods' order by id desc limit 1`)
    expect(runs[0]).toMatchObject({ status: 'succeeded', counts: { expired: 0 } })
  })

  it('resolves the grace period when the customer fixes their card and pays, and queues payment_recovered', async () => {
    await payWithCard(stripe, customer.customerId, 'pm_card_visa')
    const paid = await stripe.invoices.pay(failedInvoice.id)
    expect(paid.status).toBe('paid')
    await deliverEvents()

    const rows = await graceRows(db, customer.subscription.id)
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ status: 'resolved', resolved_at: new Date(paid.status_transitions.paid_at! * 1000), closed_reason: 'invoice_paid' })
    expect(await auditActions(db, rows[0]!.id as string)).toEqual(['grace_period.opened', 'grace_period.expired', 'grace_period.resolved'])
    expect(await notificationKinds(db, carol.id)).toEqual(['grace_started', 'grace_ending:3d', 'grace_ending:1d', 'grace_expired', 'payment_recovered'])
    expect(await use('seats', 2)).toMatchObject({ limit: 5, warning: null })
    await runJob()
    expect(inbox.at(-1)).toMatchObject({ to: carol.email, subject: 'Payment of $19.00 received' })
    expect(inbox).toHaveLength(5)
    const { body } = await renderMetrics()
    expect(body).toContain('grace_periods_opened_total 1')
    expect(body).toContain('grace_periods_closed_total{outcome="expired"} 1')
    expect(body).toContain('grace_periods_closed_total{outcome="resolved"} 1')
    expect(body).toContain('grace_periods_active 0')
  })
})
