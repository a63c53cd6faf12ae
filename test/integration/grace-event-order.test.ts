import type Stripe from 'stripe'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { confirmPlanChange } from '@/lib/billing/confirm-plan-change'
import { previewPlanChange } from '@/lib/billing/plan-change'
import type { Database } from '@/lib/db/types'
import { DEMO_ACCOUNTS } from '@/lib/demo/catalogue'
import { runGraceJob } from '@/lib/grace/expire-job'
import { logMailer } from '@/lib/notifications/mailer'
import { isGraceEnforcementOn, setGraceEnforcement } from '@/lib/usage/enforcement-switch'
import { receiveWebhook } from '@/lib/webhooks/receive'
import type { RunningEmulator } from '@/stripe-emulator/src/server'
import { testDatabaseKind } from '@/test/database'
import { listEventsOldestFirst, startSeededStack } from '@/test/emulator'
import { viewerFor } from '@/test/fixtures'
import { signPayload } from '@/test/stripe-objects'
import { seededRandom, shuffle } from '@/test/webhook-events'
import { failRenewal, graceRows, payWithCard, planPrices, subscribeOnTestClock, type ClockCustomer } from './grace-setup'

const SHUFFLES = 25
const bob = DEMO_ACCOUNTS.find((account) => account.email === 'bob@example.com')!
const dana = { id: '00000000-0000-4000-8000-00000000d0a1', email: 'dana@grace.example' }
const eric = { id: '00000000-0000-4000-8000-00000000e0a1', email: 'eric@grace.example' }

describe(`grace periods end the same whatever order Stripe delivers events in, on ${testDatabaseKind}`, () => {
  let db: Database
  let stripe: Stripe
  let emulator: RunningEmulator
  let deliverEvents: () => Promise<void>
  let paidLater: ClockCustomer
  let canceledLater: ClockCustomer
  let events: Stripe.Event[]

  /** The events about one customer: what decides their grace period (other customers' events change nothing of it). */
  const eventsOf = (customer: ClockCustomer) =>
    events.filter((event) => {
      const object = event.data.object as { id: string; customer?: string }
      return (object.customer ?? object.id) === customer.customerId
    })

  /** Replays the events into emptied tables and returns the grace periods they leave, without their ids. */
  async function replay(order: Stripe.Event[], subscriptionId: string) {
    await db.exec(`delete from public.webhook_events; delete from public.invoices; delete from public.subscriptions;
                   delete from public.notifications; delete from public.grace_periods;`)
    for (const event of order) {
      const body = JSON.stringify(event)
      await receiveWebhook(body, signPayload(body))
    }
    return (await graceRows(db, subscriptionId)).map(({ id: _id, ...row }) => row)
  }

  beforeAll(async () => {
    ;({ db, stripe, emulator, deliverEvents } = await startSeededStack())
    const prices = await planPrices()
    paidLater = await subscribeOnTestClock(db, stripe, dana, prices.Starter)
    canceledLater = await subscribeOnTestClock(db, stripe, eric, prices.Starter)
    const failed = await failRenewal(stripe, paidLater)
    await failRenewal(stripe, canceledLater)
    await payWithCard(stripe, paidLater.customerId, 'pm_card_visa')
    await stripe.invoices.pay(failed.id)
    await stripe.subscriptions.cancel(canceledLater.subscription.id)
    events = await listEventsOldestFirst(stripe)
  })
  afterAll(async () => {
    vi.useRealTimers()
    await emulator.close()
    await db.close()
  })

  it('opens no grace period for a declined plan change Stripe holds as a pending update', async () => {
    const bobViewer = viewerFor(bob)
    const quote = await previewPlanChange(bobViewer, (await planPrices()).Starter)
    await expect(confirmPlanChange(bobViewer, quote.quoteId)).rejects.toMatchObject({ code: 'card_declined' })
    await deliverEvents()

    const { rows: failed } = await db.query<{ id: string; subscription_id: string }>(
      `select id, subscription_id from public.invoices where user_id = $1 and billing_reason = 'subscription_update' and status = 'open' and attempt_count >= 1`,
      [bob.id],
    )
    expect(failed).toHaveLength(1)
    expect(await graceRows(db, failed[0]!.subscription_id)).toEqual([])
  })

  it('resolves the grace period of an invoice paid after failing, in any order', async () => {
    const inOrder = await replay(events, paidLater.subscription.id)
    expect(inOrder).toHaveLength(1)
    expect(inOrder[0]).toMatchObject({ status: 'resolved', closed_reason: 'invoice_paid', amount_due: 1900 })
    const random = seededRandom(7)
    for (let run = 0; run < SHUFFLES; run++) {
      expect(await replay(shuffle(eventsOf(paidLater), random), paidLater.subscription.id), `shuffle ${run}`).toEqual(inOrder)
    }
  }, 90_000) // the customer's events, replayed SHUFFLES times

  it('cancels the grace period of a subscription that ended unpaid, in any order', async () => {
    const inOrder = await replay(events, canceledLater.subscription.id)
    expect(inOrder).toHaveLength(1)
    expect(inOrder[0]).toMatchObject({ status: 'canceled', closed_reason: 'subscription_canceled', resolved_at: null })
    const random = seededRandom(11)
    for (let run = 0; run < SHUFFLES; run++) {
      expect(await replay(shuffle(eventsOf(canceledLater), random), canceledLater.subscription.id), `shuffle ${run}`).toEqual(inOrder)
    }
  }, 90_000) // the customer's events, replayed SHUFFLES times

  it('opens and expires grace periods with enforcement switched off', async () => {
    await db.transaction((tx) => setGraceEnforcement(tx, false))
    expect(await db.transaction((tx) => isGraceEnforcementOn(tx))).toBe(false)
    const failures = events.filter((event) => !['invoice.paid', 'customer.subscription.deleted'].includes(event.type))
    const [open] = await replay(failures, paidLater.subscription.id)
    expect(open).toMatchObject({ status: 'open' })

    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime((open!.ends_at as Date).getTime() + 1000)
    expect((await runGraceJob({ mailer: logMailer })).expired).toBe(2)
    expect((await graceRows(db, paidLater.subscription.id))[0]).toMatchObject({ status: 'expired' })
    vi.useRealTimers()
  })

})
