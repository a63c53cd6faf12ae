import type Stripe from 'stripe'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { invoiceDisplayStatus } from '@/lib/billing/invoice-adjustments'
import { getInvoicePage } from '@/lib/billing/invoices'
import { setDatabase } from '@/lib/db/client'
import type { Database } from '@/lib/db/types'
import type { RunningEmulator } from '@/stripe-emulator/src/server'
import { createTestDatabase, testDatabaseKind } from '@/test/database'
import { eventForwarder, startTestEmulator } from '@/test/emulator'
import { ALICE, viewerFor } from '@/test/fixtures'

describe(`refunds and credit notes made in Stripe show on the customer's invoice list, on ${testDatabaseKind}`, () => {
  let db: Database
  let emulator: RunningEmulator
  let stripe: Stripe
  let deliverEvents: () => Promise<void>
  let invoice: Stripe.Invoice
  let paymentIntent: string
  const listed = async () => (await getInvoicePage(viewerFor(ALICE))).invoices.find((entry) => entry.id === invoice.id)!

  beforeAll(async () => {
    db = await createTestDatabase()
    setDatabase(db)
    ;({ emulator, stripe } = await startTestEmulator())
    deliverEvents = eventForwarder(stripe)
    await db.query(`insert into auth.users (id, email) values ($1, $2)`, [ALICE.id, ALICE.email])
    const customer = await stripe.customers.create({
      email: ALICE.email, metadata: { user_id: ALICE.id }, payment_method: 'pm_card_visa', invoice_settings: { default_payment_method: 'pm_card_visa' },
    })
    const price = await stripe.prices.create({ currency: 'usd', unit_amount: 4900, recurring: { interval: 'month' }, product_data: { name: 'Pro' } })
    const subscription = await stripe.subscriptions.create({ customer: customer.id, items: [{ price: price.id }] })
    invoice = await stripe.invoices.retrieve(subscription.latest_invoice as string)
    paymentIntent = (await stripe.invoicePayments.list({ invoice: invoice.id })).data[0]!.payment.payment_intent as string
    await deliverEvents()
  })
  afterAll(async () => {
    await emulator.close()
    await db.close()
  })

  it('shows a partial refund of the paid subscription invoice made with refunds.create', async () => {
    expect(await listed()).toMatchObject({ status: 'paid', total: 4900, refunded: 0, creditNotes: [] })
    await stripe.refunds.create({ payment_intent: paymentIntent, amount: 1234 })
    await deliverEvents()
    expect(await listed()).toMatchObject({ status: 'paid', refunded: 1234 })
  })

  it('shows credit notes by their number, and the refund a credit note makes', async () => {
    const credit = await stripe.creditNotes.create({ invoice: invoice.id, amount: 500, credit_amount: 500, reason: 'product_unsatisfactory' })
    const refund = await stripe.creditNotes.create({ invoice: invoice.id, amount: 1000, refund_amount: 1000 })
    await deliverEvents()
    expect(await listed()).toMatchObject({
      refunded: 2234,
      creditNotes: [{ id: credit.id, number: credit.number, status: 'issued', total: 500 }, { id: refund.id, number: refund.number, status: 'issued', total: 1000 }],
    })
    await stripe.creditNotes.voidCreditNote(credit.id)
    await deliverEvents()
    expect((await listed()).creditNotes[0]).toMatchObject({ id: credit.id, status: 'void' })
  })

  it('calls the invoice refunded once all it took is refunded', async () => {
    await stripe.refunds.create({ payment_intent: paymentIntent })
    await deliverEvents()
    const entry = await listed()
    expect(entry).toMatchObject({ status: 'paid', refunded: 4900 })
    expect(invoiceDisplayStatus(entry)).toBe('refunded')
  })
})
