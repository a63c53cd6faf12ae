import type Stripe from 'stripe'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { previewCheckout } from '@/lib/billing/checkout-preview'
import { confirmPlanChange } from '@/lib/billing/confirm-plan-change'
import { previewPlanChange } from '@/lib/billing/plan-change'
import { getBillingOverview } from '@/lib/billing/queries'
import { startSubscriptionCheckout } from '@/lib/billing/subscribe'
import { getSubscriptionSummary } from '@/lib/billing/subscription-summary'
import { setDatabase } from '@/lib/db/client'
import type { Database } from '@/lib/db/types'
import { DEMO_ACCOUNTS } from '@/lib/demo/catalogue'
import { seedDemo } from '@/lib/demo/seed'
import { createStripeClient, setStripe } from '@/lib/stripe/client'
import { startEmulator } from '@/stripe-emulator/src/server'
import { createTestDatabase, testDatabaseKind } from '@/test/database'
import { eventForwarder } from '@/test/emulator'
import { viewerFor } from '@/test/fixtures'

const DAY_MS = 86_400_000
const account = (email: string) => viewerFor(DEMO_ACCOUNTS.find((candidate) => candidate.email === email)!)
const paula = account('paula@example.com')
const alice = account('alice@example.com')

describe(`promotion codes on a plan change against the Stripe emulator on ${testDatabaseKind}`, () => {
  let db: Database
  let stripe: Stripe
  let emulator: Awaited<ReturnType<typeof startEmulator>>
  let deliverEvents: () => Promise<void>
  const start = Date.now()
  const price = async (name: string) => (await getBillingOverview(paula)).plans.find((plan) => plan.name === name && plan.interval === 'month')!.priceId

  beforeAll(async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(start)
    db = await createTestDatabase()
    setDatabase(db)
    emulator = await startEmulator({ port: 0 })
    stripe = createStripeClient({ emulatorUrl: emulator.url })
    setStripe(stripe)
    deliverEvents = eventForwarder(stripe)
    await seedDemo(stripe)
    await deliverEvents()
  })
  afterAll(async () => {
    vi.useRealTimers()
    await emulator.close()
    await db.close()
  })

  it('refuses a code that is unknown, used up, for first-time customers, for another plan, expired, inactive or under its minimum, saying why', async () => {
    vi.setSystemTime(start + 60_000)
    const pro = await price('Pro')
    const refusal = (promotionCode: string) => previewPlanChange(paula, { priceId: pro, promotionCode })
    await expect(refusal('NOSUCHCODE')).rejects.toMatchObject({ status: 422, code: 'promotion_code_unknown' })
    await expect(refusal('firstmonth')).rejects.toMatchObject({ status: 422, code: 'promotion_code_used_up' })
    await expect(refusal('WELCOME50')).rejects.toMatchObject({ status: 422, code: 'promotion_code_first_time_only' })
    await expect(refusal('STARTER15')).rejects.toMatchObject({ status: 422, code: 'promotion_code_not_for_plan', message: expect.stringContaining('Pro') })
    await expect(refusal('SUMMER25')).rejects.toMatchObject({ status: 422, code: 'promotion_code_expired' })
    await expect(refusal('RETIRED')).rejects.toMatchObject({ status: 422, code: 'promotion_code_inactive' })
    const toFree = previewPlanChange(paula, { priceId: await price('Free'), promotionCode: 'BIGORDER' })
    await expect(toFree).rejects.toMatchObject({ status: 422, code: 'promotion_code_minimum_amount', message: expect.stringContaining('$50.00') })
    const audit = await db.query(`select 1 from public.billing_audit_log where user_id = $1 and action = 'plan_change.previewed'`, [paula.id])
    expect(audit.rows).toHaveLength(0)
  })

  it('previews a percentage code and charges exactly the preview, then mirrors the discount with its end', async () => {
    vi.setSystemTime(start + 9 * DAY_MS + 1234)
    const plain = await previewPlanChange(paula, await price('Pro'))
    const quote = await previewPlanChange(paula, { priceId: await price('Pro'), promotionCode: ' launch20 ' })
    expect(quote.promotionCode).toMatchObject({ code: 'LAUNCH20', coupon: { percentOff: 20, duration: 'repeating', durationInMonths: 3 } })
    expect(quote.quoteId).not.toBe(plain.quoteId)
    // The charge for Pro's remaining time carries the discount (Stripe's proration_discounts=included); the credit
    // for Starter's unused time stays at what was paid for it.
    const credit = plain.preview.lines.filter((line) => line.amount < 0).reduce((sum, line) => sum + line.amount, 0)
    const charge = plain.preview.lines.filter((line) => line.amount > 0).reduce((sum, line) => sum + line.amount, 0)
    expect(Math.abs(quote.preview.total - (credit + Math.round(charge * 0.8)))).toBeLessThanOrEqual(1)
    expect(quote.nextInvoice.amount).toBe(Math.round(7900 * 0.8))

    vi.setSystemTime(start + 9 * DAY_MS + 45_000)
    const change = await confirmPlanChange(paula, quote.quoteId)
    const invoice = await stripe.invoices.retrieve(change.invoiceId!)
    expect(invoice).toMatchObject({ total: quote.preview.total, amount_due: quote.preview.amountDue, status: 'paid' })
    await deliverEvents()

    const summary = await getSubscriptionSummary(paula)
    expect(summary.subscription?.plan.name).toBe('Pro')
    expect(summary.subscription?.discounts).toEqual([
      expect.objectContaining({ code: 'LAUNCH20', coupon: expect.objectContaining({ percentOff: 20 }), end: expect.any(String) }),
    ])
    const end = Date.parse(summary.subscription!.discounts[0]!.end!)
    expect(end - (start + 9 * DAY_MS)).toBeGreaterThan(88 * DAY_MS)
    expect(end - (start + 9 * DAY_MS)).toBeLessThan(93 * DAY_MS)
    const actions = await db.query<{ action: string; context: Record<string, unknown> }>(
      `select action, context from public.billing_audit_log where user_id = $1 and action in ('plan_change.confirmed', 'subscription.discounts_changed') order by id`,
      [paula.id],
    )
    expect(actions.rows.map((row) => row.action)).toEqual(['plan_change.confirmed', 'subscription.discounts_changed'])
    expect(actions.rows[0]!.context).toMatchObject({ promotionCode: 'LAUNCH20' })
  })

  it('takes an amount-off code off the change and keeps charging what was previewed', async () => {
    vi.setSystemTime(start + 12 * DAY_MS)
    const quote = await previewPlanChange(alice, { priceId: await price('Pro'), promotionCode: 'SAVE5' })
    expect(quote.preview.discount).toBe(500)
    expect(quote.preview.amountDue).toBe(quote.preview.subtotal - 500)
    expect(quote.nextInvoice.amount).toBe(7900 - 500)
    const change = await confirmPlanChange(alice, quote.quoteId)
    const invoice = await stripe.invoices.retrieve(change.invoiceId!)
    expect(invoice).toMatchObject({ total: quote.preview.total, amount_paid: quote.preview.amountDue })
    await deliverEvents()
    const summary = await getSubscriptionSummary(alice)
    expect(summary.subscription?.discounts).toEqual([expect.objectContaining({ code: 'SAVE5', end: null, coupon: expect.objectContaining({ amountOff: 500, duration: 'forever' }) })])
    // A later change keeps the discount the subscription has.
    const back = await previewPlanChange(alice, await price('Starter'))
    await confirmPlanChange(alice, back.quoteId)
    await deliverEvents()
    expect((await getSubscriptionSummary(alice)).subscription?.discounts.map((discount) => discount.code)).toEqual(['SAVE5'])
  })

  it('changes nothing when the card declines a change with a code, and keeps the quote to confirm once the card is fixed', async () => {
    const bob = account('bob@example.com')
    const quote = await previewPlanChange(bob, { priceId: await price('Starter'), promotionCode: 'LAUNCH20' })
    await expect(confirmPlanChange(bob, quote.quoteId)).rejects.toMatchObject({ status: 402, code: 'card_declined' })
    await deliverEvents()
    const summary = await getSubscriptionSummary(bob)
    expect(summary.subscription).toMatchObject({ plan: { name: 'Free' }, discounts: [] })
    const subscription = await stripe.subscriptions.retrieve(summary.subscription!.id)
    expect(subscription.discounts).toEqual([])
    expect(subscription.pending_update).toBeNull()
    const promo = (await stripe.promotionCodes.list({ code: 'LAUNCH20' })).data[0]!
    expect(promo.times_redeemed).toBe(1)
  })

  it('prices the first invoice with a code before Checkout, and Checkout charges that and keeps the discount', async () => {
    const nina = account('nina@example.com')
    await expect(previewCheckout(nina, await price('Pro'), 'STARTER15')).rejects.toMatchObject({ status: 422, code: 'promotion_code_not_for_plan' })
    const quote = await previewCheckout(nina, await price('Starter'), 'welcome50')
    expect(quote).toMatchObject({ plan: { name: 'Starter' }, promotionCode: { code: 'WELCOME50', coupon: { percentOff: 50, duration: 'once' } } })
    expect(quote.preview).toMatchObject({ subtotal: 1900, discount: 950, amountDue: 950 })

    const { url } = await startSubscriptionCheckout(nina, await price('Starter'), 'http://localhost:3000', 'WELCOME50')
    const sessionId = new URL(url).pathname.split('/').pop()!
    const session = await stripe.checkout.sessions.retrieve(sessionId)
    expect(session.amount_total).toBe(quote.preview.amountDue)
    const paid = await fetch(`${emulator.url}/_emulator/checkout/${sessionId}/complete`, { method: 'POST', body: new URLSearchParams({ card: 'pm_card_visa' }), redirect: 'manual' })
    expect(paid.status).toBeLessThan(400)
    await deliverEvents()
    const summary = await getSubscriptionSummary(nina)
    expect(summary.subscription?.plan.name).toBe('Starter')
    const invoices = await stripe.invoices.list({ subscription: summary.subscription!.id })
    expect(invoices.data[0]?.amount_paid).toBe(quote.preview.amountDue)
    const checkoutAudit = await db.query<{ after: Record<string, unknown> }>(`select after from public.billing_audit_log where user_id = $1 and action = 'checkout.started'`, [nina.id])
    expect(checkoutAudit.rows[0]?.after).toMatchObject({ promotionCode: 'WELCOME50' })
  })
})
