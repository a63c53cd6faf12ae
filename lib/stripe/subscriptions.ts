import 'server-only'
import type Stripe from 'stripe'
import { getStripe } from './client'

export interface PriceChange {
  customerId: string
  subscriptionId: string
  itemId: string
  priceId: string
  /** Unix seconds; the preview and the update use the same value so the charge equals the preview. */
  prorationDate: number
}

export interface InvoicePreview {
  currency: string
  subtotal: number
  total: number
  amountDue: number
  startingBalance: number
  lines: { description: string; amount: number }[]
}

function toPreview(invoice: Stripe.Invoice): InvoicePreview {
  return {
    currency: invoice.currency,
    subtotal: invoice.subtotal,
    total: invoice.total,
    amountDue: invoice.amount_due,
    startingBalance: invoice.starting_balance,
    lines: invoice.lines.data.map((line) => ({ description: line.description ?? '', amount: line.amount })),
  }
}

// Prorations are invoiced at once, so the preview is the whole charge of the change, not the next renewal.
const PRORATION_BEHAVIOR = 'always_invoice'

export async function previewPriceChange(change: PriceChange): Promise<InvoicePreview> {
  const invoice = await getStripe().invoices.createPreview({
    customer: change.customerId,
    subscription: change.subscriptionId,
    subscription_details: {
      items: [{ id: change.itemId, price: change.priceId }],
      proration_behavior: PRORATION_BEHAVIOR,
      proration_date: change.prorationDate,
    },
  })
  return toPreview(invoice)
}

export async function applyPriceChange(change: Omit<PriceChange, 'customerId'>, idempotencyKey: string): Promise<Stripe.Subscription> {
  return getStripe().subscriptions.update(
    change.subscriptionId,
    {
      items: [{ id: change.itemId, price: change.priceId }],
      proration_behavior: PRORATION_BEHAVIOR,
      proration_date: change.prorationDate,
    },
    { idempotencyKey },
  )
}

export async function retrieveSubscription(id: string): Promise<Stripe.Subscription> {
  return getStripe().subscriptions.retrieve(id)
}
