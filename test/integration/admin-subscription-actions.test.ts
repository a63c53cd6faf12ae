import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cancelCustomerSubscription, previewCancel } from '@/lib/admin/cancel-subscription'
import { compCustomerSubscription, previewComp } from '@/lib/admin/comp-subscription'
import { DEMO_ACCOUNTS } from '@/lib/demo/catalogue'
import { testDatabaseKind } from '@/test/database'
import { startSeededStack, type SeededStack } from '@/test/emulator'
import { viewerFor } from '@/test/fixtures'

const account = (email: string) => DEMO_ACCOUNTS.find((candidate) => candidate.email === email)!
const admin = viewerFor(account('admin@example.com'), 'admin')
const support = viewerFor(account('support@example.com'), 'support')
const carol = account('carol@example.com')
const rita = account('rita@example.com')

describe(`cancelling and comping a customer's subscription from the admin console, against the Stripe emulator, on ${testDatabaseKind}`, () => {
  let stack: SeededStack
  const subscriptionOf = async (userId: string) =>
    (await stack.db.query<{ id: string; status: string; cancel_at_period_end: boolean }>(`select id, status, cancel_at_period_end from public.subscriptions where user_id = $1`, [userId])).rows[0]!

  beforeAll(async () => {
    stack = await startSeededStack()
  })
  afterAll(() => stack.close())

  it('sets the subscription to end at the period end, once per confirmation, and the webhook brings the state home', async () => {
    const before = await subscriptionOf(carol.id)
    const preview = await previewCancel(support, carol.id, { when: 'period_end' })
    expect(preview).toMatchObject({ subscriptionId: before.id, planName: 'Pro', status: 'active', cancelAtPeriodEnd: false })
    expect(preview.endsAt).toEqual(preview.currentPeriodEnd)
    const input = { when: 'period_end' as const, reason: 'Customer asked by email', idempotencyKey: randomUUID() }
    await Promise.all([cancelCustomerSubscription(admin, carol.id, input), cancelCustomerSubscription(admin, carol.id, input)])
    const inStripe = await stack.stripe.subscriptions.retrieve(before.id)
    expect(inStripe).toMatchObject({ status: 'active', cancel_at_period_end: true, cancellation_details: expect.objectContaining({ comment: 'Customer asked by email' }) })
    await stack.deliverEvents()
    expect(await subscriptionOf(carol.id)).toMatchObject({ status: 'active', cancel_at_period_end: true })
    await expect(cancelCustomerSubscription(admin, carol.id, { ...input, idempotencyKey: randomUUID() })).rejects.toMatchObject({ code: 'already_canceling', status: 409 })
  })

  it('cancels at once, audited, and refuses support', async () => {
    const { id } = await subscriptionOf(rita.id)
    await expect(cancelCustomerSubscription(support, rita.id, { when: 'now', reason: 'Not allowed', idempotencyKey: randomUUID() })).rejects.toMatchObject({ status: 404 })
    await cancelCustomerSubscription(admin, rita.id, { when: 'now', reason: 'Fraudulent sign-up', idempotencyKey: randomUUID() })
    expect((await stack.stripe.subscriptions.retrieve(id)).status).toBe('canceled')
    const { rows } = await stack.db.query<{ before: unknown; after: unknown }>(`select before, after from public.billing_audit_log where action = 'subscription.canceled' and actor_type = 'admin'`)
    expect(rows).toEqual([{ before: { status: 'active', cancelAtPeriodEnd: false }, after: { status: 'canceled', cancelAtPeriodEnd: false } }])
    await stack.deliverEvents()
    await expect(previewCancel(admin, rita.id, { when: 'now' })).rejects.toMatchObject({ code: 'no_subscription' })
  })

  it('comps the subscription with a 100 % coupon for N months, so the next renewal is free, once per confirmation', async () => {
    const alice = account('alice@example.com')
    const { id } = await subscriptionOf(alice.id)
    expect(await previewComp(support, alice.id, { months: 3 })).toMatchObject({ subscriptionId: id, months: 3, planName: 'Starter', unitAmount: 1900 })
    const input = { months: 3, reason: 'Beta tester', idempotencyKey: randomUUID() }
    const [first, second] = await Promise.all([compCustomerSubscription(admin, alice.id, input), compCustomerSubscription(admin, alice.id, input)])
    expect(second).toEqual(first)
    expect(await stack.stripe.coupons.retrieve(first.couponId)).toMatchObject({ percent_off: 100, duration: 'repeating', duration_in_months: 3 })
    const upcoming = await stack.stripe.invoices.createPreview({ subscription: id })
    expect(upcoming.total).toBe(0)
    expect((await stack.stripe.coupons.list({ limit: 100 })).data.filter((coupon) => coupon.metadata?.reason === 'Beta tester')).toHaveLength(1)
    await expect(compCustomerSubscription(support, alice.id, { ...input, idempotencyKey: randomUUID() })).rejects.toMatchObject({ status: 404 })
  })
})
