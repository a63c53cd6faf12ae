import type Stripe from 'stripe'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { confirmPlanChange } from '@/lib/billing/confirm-plan-change'
import { getInvoicePage } from '@/lib/billing/invoices'
import { previewPlanChange } from '@/lib/billing/plan-change'
import { getBillingOverview } from '@/lib/billing/queries'
import { setDatabase } from '@/lib/db/client'
import type { Database } from '@/lib/db/types'
import { DEMO_ACCOUNTS } from '@/lib/demo/catalogue'
import { seedDemo } from '@/lib/demo/seed'
import { renderMetrics } from '@/lib/monitoring/collect'
import { createStripeClient, setStripe } from '@/lib/stripe/client'
import { startEmulator } from '@/stripe-emulator/src/server'
import { createTestDatabase, testDatabaseKind } from '@/test/database'
import { eventForwarder } from '@/test/emulator'
import { viewerFor } from '@/test/fixtures'

const DAY_MS = 86_400_000
const alice = DEMO_ACCOUNTS.find((account) => account.email === 'alice@example.com')!
const aliceViewer = viewerFor(alice)

/** Stripe's proration rule, by hand: credit unused time on the old price, charge the rest on the new one. */
function expectedProration(oldAmount: number, newAmount: number, period: { start: number; end: number }, at: number) {
  const fraction = (period.end - at) / (period.end - period.start)
  return Math.round(newAmount * fraction) - Math.round(oldAmount * fraction)
}

describe(`plan change against the Stripe emulator on ${testDatabaseKind}`, () => {
  let db: Database
  let stripe: Stripe
  let emulator: Awaited<ReturnType<typeof startEmulator>>
  let deliverEvents: () => Promise<void>
  const start = Date.now()

  async function priceIdOf(name: string) {
    const overview = await getBillingOverview(aliceViewer)
    return overview.plans.find((plan) => plan.name === name)!.priceId
  }

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

  it('charges exactly the previewed amount for an upgrade mid-period', async () => {
    const before = await getBillingOverview(aliceViewer)
    expect(before.plan?.name).toBe('Starter')
    const subscription = await stripe.subscriptions.retrieve(before.subscription!.id)
    const item = subscription.items.data[0]!
    vi.setSystemTime(start + 11 * DAY_MS + 4321)

    const quote = await previewPlanChange(aliceViewer, await priceIdOf('Pro'))
    const at = Date.parse(quote.prorationDate) / 1000
    const expected = expectedProration(1900, 7900, { start: item.current_period_start, end: item.current_period_end }, at)
    expect(quote.preview.total).toBe(expected)
    expect(quote.preview.amountDue).toBe(expected)

    vi.setSystemTime(start + 11 * DAY_MS + 60_000) // the customer takes a minute to confirm
    const change = await confirmPlanChange(aliceViewer, quote.quoteId)
    const invoice = await stripe.invoices.retrieve(change.invoiceId!)
    expect(invoice.total).toBe(quote.preview.total)
    expect(invoice.amount_due).toBe(quote.preview.amountDue)
    expect(invoice.status).toBe('paid')

    await deliverEvents()
    const after = await getBillingOverview(aliceViewer)
    expect(after.plan?.name).toBe('Pro')
    expect((await getInvoicePage(aliceViewer)).invoices.find((row) => row.id === invoice.id)?.total).toBe(quote.preview.total)
    const { body } = await renderMetrics()
    expect(body).toContain('billing_invoice_previews_total 1')
    expect(body).toContain('billing_plan_changes_total 1')
  })

  it('credits exactly the previewed amount for a downgrade mid-period', async () => {
    vi.setSystemTime(start + 20 * DAY_MS + 999)
    const quote = await previewPlanChange(aliceViewer, await priceIdOf('Starter'))
    expect(quote.preview.total).toBeLessThan(0)
    expect(quote.preview.amountDue).toBe(0)

    const change = await confirmPlanChange(aliceViewer, quote.quoteId)
    const invoice = await stripe.invoices.retrieve(change.invoiceId!)
    expect(invoice.total).toBe(quote.preview.total)
    expect(invoice.amount_due).toBe(quote.preview.amountDue)
    const customer = (await stripe.customers.retrieve(invoice.customer as string)) as Stripe.Customer
    expect(customer.balance).toBe(quote.preview.total)

    await deliverEvents()
    expect((await getBillingOverview(aliceViewer)).plan?.name).toBe('Starter')
    const audit = await db.query<{ action: string }>(
      `select action from public.billing_audit_log where user_id = $1 and (action like 'plan_change.%' or action = 'subscription.plan_changed') order by id`,
      [alice.id],
    )
    expect(audit.rows.map((row) => row.action)).toEqual([
      'plan_change.previewed', 'plan_change.confirmed', 'subscription.plan_changed',
      'plan_change.previewed', 'plan_change.confirmed', 'subscription.plan_changed',
    ])
  })

  it('refuses to confirm the same quote twice', async () => {
    const quote = await previewPlanChange(aliceViewer, await priceIdOf('Pro'))
    await confirmPlanChange(aliceViewer, quote.quoteId)
    await expect(confirmPlanChange(aliceViewer, quote.quoteId)).rejects.toMatchObject({ code: 'quote_unavailable', status: 409 })
  })
})
