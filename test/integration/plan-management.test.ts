import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { cancelSubscription, resumeSubscription } from '@/lib/billing/cancellation'
import { previewPlanChange } from '@/lib/billing/plan-change'
import { listPlans } from '@/lib/billing/plans'
import { getBillingOverview } from '@/lib/billing/queries'
import { scheduleDowngrade, undoScheduledChange } from '@/lib/billing/scheduled-change'
import { startSubscriptionCheckout } from '@/lib/billing/subscribe'
import { asUser } from '@/lib/db/transactions'
import { DEMO_ACCOUNTS } from '@/lib/demo/catalogue'
import { startSeededStack, type SeededStack } from '@/test/emulator'
import { testDatabaseKind } from '@/test/database'
import { viewerFor } from '@/test/fixtures'

const account = (email: string) => viewerFor(DEMO_ACCOUNTS.find((candidate) => candidate.email === email)!)
const carol = account('carol@example.com')
// This test's own stack: alice (Starter, card pays) and bob (Free) stand in for any customer.
const dave = account('alice@example.com')
const erin = account('bob@example.com')
const frank = account('frank@example.com')
const admin = account('admin@example.com')

describe(`plan management on ${testDatabaseKind}`, () => {
  let stack: SeededStack
  const start = Date.now()

  const overviewOf = (viewer: typeof carol) => getBillingOverview(viewer)
  async function priceOf(name: string, interval = 'month') {
    const { plans } = await overviewOf(carol)
    return plans.find((plan) => plan.name === name && plan.interval === interval)!.priceId
  }
  const auditActions = async (userId: string) =>
    (await stack.db.query<{ action: string }>(`select action from public.billing_audit_log where user_id = $1 order by id`, [userId])).rows.map((row) => row.action)

  beforeAll(async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(start)
    stack = await startSeededStack()
  })
  afterAll(async () => {
    vi.useRealTimers()
    await stack.close()
  })

  it('offers monthly and yearly prices of products marked as plans, and nothing else', async () => {
    const product = await stack.stripe.products.create({ name: 'Onboarding call', metadata: {} })
    await stack.stripe.prices.create({ product: product.id, unit_amount: 5_000, currency: 'usd', recurring: { interval: 'month' } })
    await stack.deliverEvents()
    const plans = await asUser(carol.claims, (tx) => listPlans(tx))
    expect(plans.map((plan) => `${plan.name}/${plan.interval}`)).toEqual(['Free/month', 'Starter/month', 'Starter/year', 'Pro/month', 'Pro/year', 'Team/month'])
  })

  it('schedules a downgrade for the period end, shows it, refuses other changes meanwhile, and undoes it', async () => {
    const before = await overviewOf(carol)
    expect(before.plan?.name).toBe('Pro')
    const scheduled = await scheduleDowngrade(carol, await priceOf('Starter'))
    expect(scheduled).toMatchObject({ toPlanName: 'Starter', effectiveAt: before.subscription!.currentPeriodEnd!.toISOString() })
    const inStripe = await stack.stripe.subscriptions.retrieve(before.subscription!.id)
    const schedule = await stack.stripe.subscriptionSchedules.retrieve(inStripe.schedule as string)
    expect(schedule.phases.map((phase) => phase.items[0]!.price)).toEqual([await priceOf('Pro'), await priceOf('Starter')])
    expect(inStripe.items.data[0]!.price.id).toBe(await priceOf('Pro'))

    await stack.deliverEvents()
    const pending = await overviewOf(carol)
    expect(pending.plan?.name).toBe('Pro')
    expect(pending.scheduledChange).toMatchObject({ toPlanName: 'Starter' })
    await expect(previewPlanChange(carol, await priceOf('Free'))).rejects.toMatchObject({ code: 'change_scheduled', status: 409 })
    await expect(scheduleDowngrade(carol, await priceOf('Free'))).rejects.toMatchObject({ code: 'change_scheduled' })
    await expect(cancelSubscription(carol, null)).rejects.toMatchObject({ code: 'change_scheduled' })

    await undoScheduledChange(carol)
    expect((await stack.stripe.subscriptions.retrieve(before.subscription!.id)).schedule).toBeNull()
    await stack.deliverEvents()
    const after = await overviewOf(carol)
    expect(after.scheduledChange).toBeNull()
    expect(after.plan?.name).toBe('Pro')
    await expect(undoScheduledChange(carol)).rejects.toMatchObject({ code: 'no_scheduled_change', status: 404 })
    expect(await auditActions(carol.id)).toEqual(expect.arrayContaining(['plan_change.scheduled', 'plan_change.schedule_undone']))
  })

  it('schedules only downgrades: an upgrade applies now', async () => {
    const { subscription } = await overviewOf(dave)
    const upgrade = await previewPlanChange(dave, await priceOf('Pro'))
    expect(upgrade).toMatchObject({ downgrade: false, nextInvoice: { amount: 7_900, date: subscription!.currentPeriodEnd!.toISOString() } })
    const yearly = await previewPlanChange(dave, await priceOf('Pro', 'year'))
    // A new interval starts a new period now: the next invoice is a year on, for the full yearly price.
    expect(yearly.nextInvoice.amount).toBe(79_000)
    expect(Date.parse(yearly.nextInvoice.date)).toBeGreaterThan(Date.parse(upgrade.nextInvoice.date) + 300 * 86_400_000)
    const downgrade = await previewPlanChange(carol, await priceOf('Free'))
    expect(downgrade).toMatchObject({ downgrade: true, preview: { amountDue: 0 } })
    // The credit for unused Pro time pays toward the next invoice, on Free nothing is due.
    expect(downgrade.preview.total).toBeLessThan(0)
    expect(downgrade.nextInvoice.amount).toBe(0)
    await expect(scheduleDowngrade(dave, await priceOf('Pro'))).rejects.toMatchObject({ code: 'not_a_downgrade', status: 409 })
    await expect(scheduleDowngrade(dave, await priceOf('Starter', 'year'))).rejects.toMatchObject({ code: 'not_a_downgrade' })
  })

  it('cancels at period end with the reason stored for admins, refuses the free plan, and resumes', async () => {
    await expect(cancelSubscription(erin, null)).rejects.toMatchObject({ code: 'free_plan', status: 409 })
    const { subscription } = await overviewOf(dave)
    const canceled = await cancelSubscription(dave, '  Too expensive for us right now  ')
    expect(canceled).toMatchObject({ cancelAtPeriodEnd: true, endsAt: subscription!.currentPeriodEnd!.toISOString() })
    const inStripe = await stack.stripe.subscriptions.retrieve(subscription!.id)
    expect(inStripe.cancel_at_period_end).toBe(true)

    const readAs = (viewer: typeof admin) =>
      asUser(viewer.claims, async (tx) => (await tx.query(`select reason, resumed_at from public.subscription_cancellations where subscription_id = $1`, [subscription!.id])).rows)
    expect(await readAs({ ...admin, isAdmin: true, claims: { ...admin.claims, app_metadata: { role: 'admin' } } })).toEqual([
      { reason: 'Too expensive for us right now', resumed_at: null },
    ])
    expect(await readAs(carol)).toEqual([])

    await stack.deliverEvents()
    expect((await overviewOf(dave)).subscription?.cancelAtPeriodEnd).toBe(true)
    await expect(cancelSubscription(dave, null)).rejects.toMatchObject({ code: 'already_canceling' })
    await expect(previewPlanChange(dave, await priceOf('Pro'))).rejects.toMatchObject({ code: 'cancellation_pending' })

    await resumeSubscription(dave)
    expect((await stack.stripe.subscriptions.retrieve(subscription!.id)).cancel_at_period_end).toBe(false)
    await stack.deliverEvents()
    expect((await overviewOf(dave)).subscription?.cancelAtPeriodEnd).toBe(false)
    expect((await readAs(dave))[0]!.resumed_at).not.toBeNull()
    await expect(resumeSubscription(dave)).rejects.toMatchObject({ code: 'not_canceling' })
    expect(await auditActions(dave.id)).toEqual(expect.arrayContaining(['subscription.cancel_requested', 'subscription.resumed']))
  })

  it('subscribes a user without a subscription through Checkout, once, and returns them to the address they came from', async () => {
    const preview = 'https://billing-git-feature.example.vercel.app'
    await expect(startSubscriptionCheckout(dave, await priceOf('Starter'), preview)).rejects.toMatchObject({ code: 'already_subscribed', status: 409 })
    const first = await startSubscriptionCheckout(frank, await priceOf('Starter'), preview)
    const second = await startSubscriptionCheckout(frank, await priceOf('Starter'), preview)
    const firstId = first.url.split('/').pop()!
    expect((await stack.stripe.checkout.sessions.retrieve(firstId)).status).toBe('expired')

    const secondId = second.url.split('/').pop()!
    expect((await stack.stripe.checkout.sessions.retrieve(secondId)).cancel_url).toBe(`${preview}/billing?checkout=canceled`)
    const paid = await fetch(`${stack.emulator.url}/_emulator/checkout/${secondId}/complete`, {
      method: 'POST', body: new URLSearchParams({ card: 'pm_card_visa' }), redirect: 'manual',
    })
    expect(paid.status).toBe(303)
    expect(paid.headers.get('location')).toBe(`${preview}/billing?checkout=success`)
    await stack.deliverEvents()
    const overview = await overviewOf(frank)
    expect(overview.plan?.name).toBe('Starter')
    expect(overview.subscription?.status).toBe('active')
    await expect(startSubscriptionCheckout(frank, await priceOf('Pro'), preview)).rejects.toMatchObject({ code: 'already_subscribed' })
  })
})
