import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type Stripe from 'stripe'
import { confirmPlanChange } from '@/lib/billing/confirm-plan-change'
import { previewPlanChange, type PlanChangeQuote } from '@/lib/billing/plan-change'
import { getBillingOverview } from '@/lib/billing/queries'
import type { Database } from '@/lib/db/types'
import { DEMO_ACCOUNTS } from '@/lib/demo/catalogue'
import { testDatabaseKind } from '@/test/database'
import { startSeededStack } from '@/test/emulator'
import { viewerFor } from '@/test/fixtures'
import type { RunningEmulator } from '@/stripe-emulator/src/server'

const bob = DEMO_ACCOUNTS.find((account) => account.email === 'bob@example.com')!
const bobViewer = viewerFor(bob)

describe(`an upgrade paid with a declining card, on ${testDatabaseKind}`, () => {
  let db: Database
  let stripe: Stripe
  let emulator: RunningEmulator
  let deliverEvents: () => Promise<void>
  let quote: PlanChangeQuote
  let freeQuotas: Record<string, number>

  const subscriptionOf = async () => {
    const { subscription } = await getBillingOverview(bobViewer)
    return stripe.subscriptions.retrieve(subscription!.id)
  }
  const auditActions = async () =>
    (await db.query<{ action: string }>(`select action from public.billing_audit_log where user_id = $1 and action like 'plan_change.%' order by id`, [bob.id])).rows.map((row) => row.action)

  beforeAll(async () => {
    ;({ db, stripe, emulator, deliverEvents } = await startSeededStack())
    const overview = await getBillingOverview(bobViewer)
    freeQuotas = overview.plan!.quotas
    quote = await previewPlanChange(bobViewer, overview.plans.find((plan) => plan.name === 'Starter')!.priceId)
  })
  afterAll(async () => {
    await emulator.close()
    await db.close()
  })

  it('refuses with 402, keeps the customer on their plan and its quotas, and audits the attempt', async () => {
    expect(quote.from.name).toBe('Free')
    expect(quote.preview.amountDue).toBeGreaterThan(0)
    await expect(confirmPlanChange(bobViewer, quote.quoteId)).rejects.toMatchObject({
      status: 402,
      code: 'card_declined',
      message: 'Your card was declined; you are still on Free. Update your card, then confirm the change to Starter again.',
    })
    await deliverEvents()

    const overview = await getBillingOverview(bobViewer)
    expect(overview.plan?.name).toBe('Free')
    expect(overview.plan?.quotas).toEqual(freeQuotas)
    const inStripe = await subscriptionOf()
    expect(inStripe.items.data[0]!.price.id).toBe(quote.from.priceId)
    expect(inStripe.pending_update?.subscription_items?.[0]?.price.id).toBe(quote.to.priceId)
    expect(await auditActions()).toEqual(['plan_change.previewed', 'plan_change.declined'])
  })

  it('applies the same quote once the card is fixed, charging the previewed amount exactly once', async () => {
    const declinedInvoice = (await subscriptionOf()).latest_invoice as string
    const card = await stripe.paymentMethods.attach('pm_card_visa', { customer: (await subscriptionOf()).customer as string })
    await stripe.customers.update(card.customer as string, { invoice_settings: { default_payment_method: card.id } })

    const change = await confirmPlanChange(bobViewer, quote.quoteId)
    expect(change.invoiceId).toBe(declinedInvoice)
    await deliverEvents()

    expect((await getBillingOverview(bobViewer)).plan?.name).toBe('Starter')
    const changeInvoices = (await stripe.invoices.list({ customer: card.customer as string, limit: 100 })).data.filter(
      (invoice) => invoice.billing_reason === 'subscription_update',
    )
    expect(changeInvoices.map((invoice) => [invoice.status, invoice.amount_paid])).toEqual([['paid', quote.preview.amountDue]])
    expect(await auditActions()).toEqual(['plan_change.previewed', 'plan_change.declined', 'plan_change.confirmed'])
    await expect(confirmPlanChange(bobViewer, quote.quoteId)).rejects.toMatchObject({ code: 'quote_unavailable' })
  })
})
