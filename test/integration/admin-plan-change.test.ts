import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { changeCustomerPlan, previewCustomerPlanChange } from '@/lib/admin/plan-change'
import { listPlans } from '@/lib/billing/plans'
import { DEMO_ACCOUNTS } from '@/lib/demo/catalogue'
import { testDatabaseKind } from '@/test/database'
import { startSeededStack, type SeededStack } from '@/test/emulator'
import { viewerFor } from '@/test/fixtures'

const account = (email: string) => DEMO_ACCOUNTS.find((candidate) => candidate.email === email)!
const admin = viewerFor(account('admin@example.com'), 'admin')
const support = viewerFor(account('support@example.com'), 'support')
const alice = account('alice@example.com')
const bob = account('bob@example.com')

describe(`an admin changes a customer's plan with the customer's exact preview, against the Stripe emulator, on ${testDatabaseKind}`, () => {
  let stack: SeededStack
  let priceOf: (name: string) => string
  const planOf = async (userId: string) =>
    (await stack.db.query<{ name: string }>(
      `select p.name from public.subscriptions s join public.prices pr on pr.id = s.price_id join public.products p on p.id = pr.product_id where s.user_id = $1`,
      [userId],
    )).rows[0]?.name
  const adminAudit = async (userId: string) =>
    (await stack.db.query<{ action: string; actor_type: string; context: Record<string, unknown> }>(
      `select action, actor_type, context from public.billing_audit_log where user_id = $1 and action like 'plan_change.%' order by id`,
      [userId],
    )).rows

  beforeAll(async () => {
    stack = await startSeededStack()
    const plans = await listPlans(stack.db)
    priceOf = (name) => plans.find((plan) => plan.name === name && plan.interval === 'month')!.priceId
  })
  afterAll(() => stack.close())

  it('charges exactly the previewed amount once, however often the confirmation is sent, and audits it as the admin', async () => {
    await expect(previewCustomerPlanChange(support, alice.id, { priceId: priceOf('Pro') })).rejects.toMatchObject({ status: 404 })
    const quote = await previewCustomerPlanChange(admin, alice.id, { priceId: priceOf('Pro') })
    expect(quote).toMatchObject({ from: { name: 'Starter' }, to: { name: 'Pro' } })
    expect(quote.preview.amountDue).toBeGreaterThan(0)

    const input = { quoteId: quote.quoteId, reason: 'Upgrade agreed on a sales call', idempotencyKey: randomUUID() }
    await expect(changeCustomerPlan(support, alice.id, input)).rejects.toMatchObject({ status: 404 })
    const [first, second] = await Promise.all([changeCustomerPlan(admin, alice.id, input), changeCustomerPlan(admin, alice.id, input)])
    expect(second).toEqual(first)
    await stack.deliverEvents()

    expect(await planOf(alice.id)).toBe('Pro')
    const customer = (await stack.stripe.subscriptions.retrieve(first.subscriptionId)).customer as string
    const changeInvoices = (await stack.stripe.invoices.list({ customer, limit: 100 })).data.filter((invoice) => invoice.billing_reason === 'subscription_update')
    expect(changeInvoices.map((invoice) => [invoice.status, invoice.amount_paid])).toEqual([['paid', quote.preview.amountDue]])
    expect(await adminAudit(alice.id)).toEqual([
      { action: 'plan_change.previewed', actor_type: 'admin', context: expect.objectContaining({ quoteId: quote.quoteId, amountDue: quote.preview.amountDue }) },
      {
        action: 'plan_change.confirmed',
        actor_type: 'admin',
        context: expect.objectContaining({ quoteId: quote.quoteId, reason: input.reason, idempotencyKey: input.idempotencyKey, fromPlan: 'Starter', toPlan: 'Pro' }),
      },
    ])
    await expect(changeCustomerPlan(admin, alice.id, { ...input, idempotencyKey: randomUUID() })).rejects.toMatchObject({ code: 'quote_unavailable' })
  })

  it('leaves the customer on their plan when their card declines, says so, audits it, and applies the same quote once the card is fixed', async () => {
    const quote = await previewCustomerPlanChange(admin, bob.id, { priceId: priceOf('Starter') })
    const attempt = { quoteId: quote.quoteId, reason: 'Customer asked on the phone', idempotencyKey: randomUUID() }
    await expect(changeCustomerPlan(admin, bob.id, attempt)).rejects.toMatchObject({
      status: 402,
      code: 'card_declined',
      message: "The customer's card was declined; they stay on Free. Confirm again once their card is updated.",
    })
    await stack.deliverEvents()
    expect(await planOf(bob.id)).toBe('Free')
    expect((await adminAudit(bob.id)).map((entry) => [entry.action, entry.actor_type, entry.context.reason])).toEqual([
      ['plan_change.previewed', 'admin', undefined],
      ['plan_change.declined', 'admin', attempt.reason],
    ])

    // The same confirmation sent again answers the same refusal, without asking Stripe again.
    await expect(changeCustomerPlan(admin, bob.id, attempt)).rejects.toMatchObject({ code: 'card_declined' })
    expect(await adminAudit(bob.id)).toHaveLength(2)

    const customer = (await stack.db.query<{ id: string }>(`select stripe_customer_id as id from public.customers where user_id = $1`, [bob.id])).rows[0]!.id
    const card = await stack.stripe.paymentMethods.attach('pm_card_visa', { customer })
    await stack.stripe.customers.update(customer, { invoice_settings: { default_payment_method: card.id } })
    await changeCustomerPlan(admin, bob.id, { ...attempt, idempotencyKey: randomUUID() })
    await stack.deliverEvents()
    expect(await planOf(bob.id)).toBe('Starter')
  })
})
