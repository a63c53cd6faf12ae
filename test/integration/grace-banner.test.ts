import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type Stripe from 'stripe'
import { getCardOnFile } from '@/lib/billing/card-on-file'
import { fromUnixSeconds } from '@/lib/clock'
import { getGraceBanner } from '@/lib/grace/banner'
import { runGraceJob } from '@/lib/grace/expire-job'
import { payOverdueInvoice } from '@/lib/grace/pay-overdue'
import { testDatabaseKind } from '@/test/database'
import { startSeededStack, type SeededStack } from '@/test/emulator'
import { viewerFor } from '@/test/fixtures'
import { DAY_MS, failRenewal, payWithCard, planPrices, subscribeOnTestClock, type ClockCustomer } from './grace-setup'

const frank = { id: '00000000-0000-4000-8000-0000000b2f01', email: 'frank@grace.example' }
const viewer = viewerFor(frank)

describe(`the grace banner and paying from it, on ${testDatabaseKind}`, () => {
  let stack: SeededStack
  let customer: ClockCustomer
  let failed: Stripe.Invoice
  beforeAll(async () => {
    stack = await startSeededStack()
    customer = await subscribeOnTestClock(stack.db, stack.stripe, frank, (await planPrices()).Starter)
    await stack.deliverEvents()
  }, 120_000)
  afterAll(() => stack.close())

  it('shows nothing while every invoice is paid', async () => {
    expect(await getGraceBanner(viewer)).toBeNull()
  })

  it('counts the days left and the amount due once the renewal fails, and still shows it after a declined retry', async () => {
    failed = await failRenewal(stack.stripe, customer)
    await stack.deliverEvents()
    const failedAt = fromUnixSeconds(failed.status_transitions.finalized_at ?? failed.created)
    const banner = await getGraceBanner(viewer, new Date(failedAt.getTime() + 2.5 * DAY_MS))
    expect(banner).toMatchObject({ status: 'open', daysLeft: 5, amountDue: 1900, currency: 'usd', heldToFreePlan: false })
    expect(await payOverdueInvoice(viewer)).toBe('declined')
    expect((await getCardOnFile(viewer))?.last4).toBe('0341')
  })

  it("after expiry names the free plan's limits", async () => {
    const failedAt = fromUnixSeconds(failed.status_transitions.finalized_at ?? failed.created)
    const later = new Date(failedAt.getTime() + 8 * DAY_MS)
    await runGraceJob({ now: () => later, mailer: { deliver: async () => undefined } })
    expect(await getGraceBanner(viewer, later)).toMatchObject({
      status: 'expired',
      daysLeft: 0,
      heldToFreePlan: true,
      freePlanName: 'Free',
      limits: [{ metric: 'api_calls', limit: 1000 }, { metric: 'seats', limit: 1 }],
    })
  })

  it('pays the held invoice with the new card, audited, and the paid invoice lifts the banner', async () => {
    await payWithCard(stack.stripe, customer.customerId, 'pm_card_visa')
    expect(await payOverdueInvoice(viewer)).toBe('paid')
    // A second click before the webhook lands charges nothing more.
    expect(await payOverdueInvoice(viewer)).toBe('paid')
    expect((await stack.stripe.invoices.retrieve(failed.id)).amount_paid).toBe(1900)
    await stack.deliverEvents()
    expect(await getGraceBanner(viewer)).toBeNull()
    await expect(payOverdueInvoice(viewer)).rejects.toMatchObject({ code: 'nothing_overdue', status: 409 })
    const { rows } = await stack.db.query<{ outcome: string }>(
      `select after ->> 'outcome' as outcome from public.billing_audit_log where action = 'invoice.payment_retried' and user_id = $1 order by id`,
      [frank.id],
    )
    expect(rows.map((row) => row.outcome)).toEqual(['declined', 'paid', 'paid'])
  })
})
