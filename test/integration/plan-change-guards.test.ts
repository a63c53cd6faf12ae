import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type Stripe from 'stripe'
import { linkCustomer } from '@/lib/billing/customers'
import { confirmPlanChange } from '@/lib/billing/confirm-plan-change'
import { PREVIEW_LIMIT, previewPlanChange } from '@/lib/billing/plan-change'
import { getBillingOverview } from '@/lib/billing/queries'
import type { Database } from '@/lib/db/types'
import { DEMO_ACCOUNTS } from '@/lib/demo/catalogue'
import { testDatabaseKind } from '@/test/database'
import { startSeededStack } from '@/test/emulator'
import { claimsFor, viewerFor } from '@/test/fixtures'
import type { RunningEmulator } from '@/stripe-emulator/src/server'

const DAY = 86_400
const alice = viewerFor(DEMO_ACCOUNTS.find((account) => account.email === 'alice@example.com')!)
const bob = viewerFor(DEMO_ACCOUNTS.find((account) => account.email === 'bob@example.com')!)
const carol = viewerFor({ id: '00000000-0000-4000-8000-00000000c003', email: 'carol@test.example' })

describe(`plan changes refuse what would cost the business money, on ${testDatabaseKind}`, () => {
  let db: Database
  let stripe: Stripe
  let emulator: RunningEmulator
  let deliverEvents: () => Promise<void>
  let prices: Record<'Free' | 'Starter' | 'Pro', string>
  let offered: string[]

  beforeAll(async () => {
    ;({ db, stripe, emulator, deliverEvents } = await startSeededStack())
    const { plans } = await getBillingOverview(alice)
    // The monthly prices; the catalogue also offers yearly ones.
    prices = Object.fromEntries(plans.filter((plan) => plan.interval === 'month').map((plan) => [plan.name, plan.priceId])) as typeof prices
    offered = plans.map((plan) => plan.priceId)
  })
  afterAll(async () => {
    await emulator.close()
    await db.close()
  })

  it('refuses another change while a declined upgrade leaves an invoice open, so no unpaid time is credited', async () => {
    const upgrade = await previewPlanChange(bob, prices.Starter)
    await expect(confirmPlanChange(bob, upgrade.quoteId)).rejects.toMatchObject({ code: 'card_declined' })
    await deliverEvents()
    await expect(previewPlanChange(bob, prices.Pro)).rejects.toMatchObject({ status: 409, code: 'open_invoice' })
    const customerId = (await stripe.subscriptions.retrieve((await getBillingOverview(bob)).subscription!.id)).customer as string
    expect(((await stripe.customers.retrieve(customerId)) as Stripe.Customer).balance).toBe(0)
  })

  it('refuses to preview or confirm while a renewal is unpaid', async () => {
    await db.query(`insert into auth.users (id, email) values ($1, $2)`, [carol.id, carol.email])
    const clock = await stripe.testHelpers.testClocks.create({ frozen_time: Math.floor(Date.now() / 1000) })
    const customer = await stripe.customers.create({ email: carol.email, test_clock: clock.id })
    const visa = await stripe.paymentMethods.attach('pm_card_visa', { customer: customer.id })
    await stripe.customers.update(customer.id, { invoice_settings: { default_payment_method: visa.id } })
    await db.transaction((tx) => linkCustomer(tx, { userId: carol.id, stripeCustomerId: customer.id, email: carol.email }))
    await stripe.subscriptions.create({ customer: customer.id, items: [{ price: prices.Starter }] })
    await deliverEvents()
    const earlierQuote = await previewPlanChange(carol, prices.Pro)

    const declining = await stripe.paymentMethods.attach('pm_card_chargeCustomerFail', { customer: customer.id })
    await stripe.customers.update(customer.id, { invoice_settings: { default_payment_method: declining.id } })
    await stripe.testHelpers.testClocks.advance(clock.id, { frozen_time: clock.frozen_time + 32 * DAY })
    await deliverEvents()

    expect((await getBillingOverview(carol)).subscription?.status).toBe('past_due')
    await expect(previewPlanChange(carol, prices.Pro)).rejects.toMatchObject({ status: 409, code: 'payment_overdue' })
    await expect(confirmPlanChange(carol, earlierQuote.quoteId)).rejects.toMatchObject({ status: 409 })
  })

  it('sells only the plans the portal offers', async () => {
    const starter = await stripe.prices.retrieve(prices.Starter)
    const pro = await stripe.prices.retrieve(prices.Pro)
    const addOn = await stripe.products.create({ name: 'Priority support', metadata: { tier: '9' } })
    const unoffered = [
      await stripe.prices.create({ product: addOn.id, unit_amount: 500, currency: 'usd', recurring: { interval: 'month' } }),
      await stripe.prices.create({ product: pro.product as string, unit_amount: 0, currency: 'usd', recurring: { interval: 'month' }, metadata: { self_serve: 'false' } }),
      await stripe.prices.create({ product: starter.product as string, unit_amount: 900, currency: 'usd', recurring: { interval: 'month' } }),
    ]
    await stripe.prices.update(unoffered[2]!.id, { active: false })
    await deliverEvents()
    await db.query(
      `insert into public.prices (id, product_id, active, currency, unit_amount, recurring_interval, recurring_usage_type)
       values ('price_metered_calls', $1, true, 'usd', 1, 'month', 'metered')`,
      [pro.product],
    )
    for (const priceId of [...unoffered.map((price) => price.id), 'price_metered_calls', 'price_never_mirrored']) {
      await expect(previewPlanChange(alice, priceId), priceId).rejects.toMatchObject({ status: 404, code: 'unknown_plan' })
    }

    const visiblePrices = async (role: 'anon' | 'authenticated') =>
      db.transaction(async (tx) => {
        await tx.query(`set local role ${role}`)
        await tx.query(`select set_config('request.jwt.claims', $1, true)`, [JSON.stringify(role === 'anon' ? { role } : claimsFor(alice))])
        return (await tx.query<{ id: string }>(`select id from public.prices order by id`)).rows.map((row) => row.id).sort()
      })
    expect(await visiblePrices('anon')).toEqual([...offered].sort())
    expect(await visiblePrices('authenticated')).toEqual([...offered].sort())
  })

  it('lets one confirmed quote expire the others, and checks the price against Stripe', async () => {
    const toPro = await previewPlanChange(alice, prices.Pro)
    const toFree = await previewPlanChange(alice, prices.Free)
    await confirmPlanChange(alice, toPro.quoteId)
    await expect(confirmPlanChange(alice, toFree.quoteId)).rejects.toMatchObject({ status: 409, code: 'quote_unavailable' })
    await deliverEvents()

    const back = await previewPlanChange(alice, prices.Starter)
    const subscription = await stripe.subscriptions.retrieve((await getBillingOverview(alice)).subscription!.id)
    // Changed in Stripe (by an admin in the dashboard, say) and not yet reported by webhook.
    await stripe.subscriptions.update(subscription.id, { items: [{ id: subscription.items.data[0]!.id, price: prices.Free }], proration_behavior: 'none' })
    await expect(confirmPlanChange(alice, back.quoteId)).rejects.toMatchObject({ status: 409, code: 'quote_stale' })
  })

  it('shows the same quote for the same change and limits previews per customer', async () => {
    await deliverEvents()
    const first = await previewPlanChange(alice, prices.Pro)
    const again = await previewPlanChange(alice, prices.Pro)
    expect(again.quoteId).toBe(first.quoteId)
    const audited = await db.query(`select 1 from public.billing_audit_log where action = 'plan_change.previewed' and context ->> 'quoteId' = $1`, [first.quoteId])
    expect(audited.rows).toHaveLength(1)

    let refusal: unknown = null
    for (let attempt = 0; attempt <= PREVIEW_LIMIT.limit && !refusal; attempt++) {
      refusal = await previewPlanChange(alice, prices.Pro).then(() => null, (error: unknown) => error)
    }
    expect(refusal).toMatchObject({ status: 429, code: 'rate_limited', headers: { 'retry-after': expect.stringMatching(/^[1-9]\d*$/) } })
  })
})
