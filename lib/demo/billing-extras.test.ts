import type Stripe from 'stripe'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { getBillingDetails } from '@/lib/billing/billing-details'
import { getInvoicePage } from '@/lib/billing/invoices'
import { testDatabaseKind } from '@/test/database'
import { startSeededStack, type SeededStack } from '@/test/emulator'
import { viewerFor } from '@/test/fixtures'
import { DEMO_BILLING_EMAIL, DEMO_REFUND_AMOUNT, seedDemoBillingExtras } from './billing-extras'
import { DEMO_ACCOUNTS } from './catalogue'

describe(`the demo's billing details and partial refund, on ${testDatabaseKind}`, () => {
  let stack: SeededStack
  const carol = viewerFor(DEMO_ACCOUNTS.find((account) => account.email === DEMO_BILLING_EMAIL)!)
  beforeAll(async () => {
    stack = await startSeededStack()
  })
  afterAll(() => stack.close())

  it('gives Carol an address and a VAT number, and refunds part of her paid invoice, once however often it runs', async () => {
    await seedDemoBillingExtras(stack.stripe)
    await seedDemoBillingExtras(stack.stripe)
    expect(await getBillingDetails(carol)).toMatchObject({
      name: 'Berg Studio GmbH', address: { city: 'Berlin', country: 'DE' }, taxIds: [{ type: 'eu_vat', value: 'DE123456789' }],
    })
    const shown = async () => (await getInvoicePage(carol)).invoices.filter((invoice) => invoice.refunded > 0)
    expect(await shown()).toEqual([expect.objectContaining({ status: 'paid', refunded: DEMO_REFUND_AMOUNT })])
    // The webhooks Stripe sends for it agree with what the seed mirrored.
    await stack.deliverEvents()
    expect(await shown()).toEqual([expect.objectContaining({ refunded: DEMO_REFUND_AMOUNT })])
    const refunds = await stack.stripe.refunds.list({ limit: 10 })
    expect(refunds.data.map((refund: Stripe.Refund) => refund.amount)).toEqual([DEMO_REFUND_AMOUNT])
  })
})
