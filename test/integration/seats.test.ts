import type Stripe from 'stripe'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { confirmPlanChange } from '@/lib/billing/confirm-plan-change'
import { getSubscriptionSummary } from '@/lib/billing/subscription-summary'
import { setDatabase } from '@/lib/db/client'
import type { Database } from '@/lib/db/types'
import { DEMO_ACCOUNTS } from '@/lib/demo/catalogue'
import { seedDemo } from '@/lib/demo/seed'
import { createStripeClient, setStripe } from '@/lib/stripe/client'
import { consumeQuota } from '@/lib/usage/consume'
import { getUsageSummary } from '@/lib/usage/queries'
import { previewSeatChange } from '@/lib/usage/seats'
import { startEmulator } from '@/stripe-emulator/src/server'
import { createTestDatabase, testDatabaseKind } from '@/test/database'
import { eventForwarder } from '@/test/emulator'
import { viewerFor } from '@/test/fixtures'

const DAY_MS = 86_400_000
const account = (email: string) => viewerFor(DEMO_ACCOUNTS.find((candidate) => candidate.email === email)!)
const tess = account('tess@example.com')

describe(`seats on a per-seat plan against the Stripe emulator on ${testDatabaseKind}`, () => {
  let db: Database
  let stripe: Stripe
  let emulator: Awaited<ReturnType<typeof startEmulator>>
  let deliverEvents: () => Promise<void>
  const start = Date.now()
  const seatLimit = async () => (await getUsageSummary(tess.id)).metrics.find((metric) => metric.metric === 'seats')!

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

  it('holds the seat quota to the seats paid for, and refuses going below the seats in use with how many to remove', async () => {
    expect(await seatLimit()).toMatchObject({ used: 3, limit: 3 })
    await expect(previewSeatChange(tess, 2)).rejects.toMatchObject({
      status: 409, code: 'seats_in_use', message: '3 seats are in use; remove 1 before going down to 2.',
    })
    await expect(previewSeatChange(tess, 3)).rejects.toMatchObject({ status: 409, code: 'same_quantity' })
    await expect(previewSeatChange(account('alice@example.com'), 4)).rejects.toMatchObject({ status: 409, code: 'not_per_seat' })
  })

  it('charges exactly the previewed proration for more seats, and the quota follows the new quantity', async () => {
    vi.setSystemTime(start + 10 * DAY_MS + 777)
    const quote = await previewSeatChange(tess, 5)
    expect(quote).toMatchObject({ fromQuantity: 3, toQuantity: 5, downgrade: false, nextInvoice: { amount: 5 * 1200 } })
    const subscription = await stripe.subscriptions.retrieve((await getSubscriptionSummary(tess)).subscription!.id)
    const item = subscription.items.data[0]!
    const fraction = (item.current_period_end - Date.parse(quote.prorationDate) / 1000) / (item.current_period_end - item.current_period_start)
    expect(quote.preview.total).toBe(Math.round(5 * 1200 * fraction) - Math.round(3 * 1200 * fraction))

    vi.setSystemTime(start + 10 * DAY_MS + 30_000)
    const change = await confirmPlanChange(tess, quote.quoteId)
    expect(change.quantity).toBe(5)
    const invoice = await stripe.invoices.retrieve(change.invoiceId!)
    expect(invoice).toMatchObject({ total: quote.preview.total, amount_paid: quote.preview.amountDue })
    await deliverEvents()
    expect((await getSubscriptionSummary(tess)).subscription).toMatchObject({ quantity: 5, plan: { name: 'Team' } })
    expect(await seatLimit()).toMatchObject({ used: 3, limit: 5 })
    const key = (n: number) => ({ metric: 'seats', quantity: 1, idempotencyKey: `seat-${n}` })
    await consumeQuota(tess.id, key(1))
    await consumeQuota(tess.id, key(2))
    await expect(consumeQuota(tess.id, key(3))).rejects.toMatchObject({ status: 429, code: 'quota_exceeded' })
    const audit = await db.query<{ before: Record<string, unknown>; after: Record<string, unknown> }>(
      `select before, after from public.billing_audit_log where user_id = $1 and action = 'plan_change.confirmed'`, [tess.id],
    )
    expect(audit.rows[0]).toMatchObject({ before: { quantity: 3 }, after: { quantity: 5 } })
  })

  it('credits fewer seats at once when no more are in use', async () => {
    await expect(previewSeatChange(tess, 4)).rejects.toMatchObject({ code: 'seats_in_use', message: '5 seats are in use; remove 1 before going down to 4.' })
  })
})
