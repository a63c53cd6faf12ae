import 'server-only'
import Stripe from 'stripe'
import { getStripe } from './client'
import type { DiscountsParam } from './discounts'
import { isStripeError } from './errors'

export interface PriceChange {
  customerId: string
  subscriptionId: string
  itemId: string
  priceId: string
  /** Unix seconds; the preview and the update use the same value so the charge equals the preview. */
  prorationDate: number
  /** Seats on a per-seat price; 1 otherwise. */
  quantity?: number
  /** The subscription's discounts after the change; absent keeps those it has. Preview and update pass the same. */
  discounts?: DiscountsParam
}

export interface InvoicePreview {
  currency: string
  subtotal: number
  total: number
  amountDue: number
  startingBalance: number
  /** Tax Stripe calculated on the change; 0 where no tax applies. */
  tax: number
  /** What the discounts take off (an amount off; a percentage is already inside the prorations' amounts). */
  discount: number
  lines: { description: string; amount: number }[]
}

export function toPreview(invoice: Stripe.Invoice): InvoicePreview {
  return {
    currency: invoice.currency,
    subtotal: invoice.subtotal,
    total: invoice.total,
    amountDue: invoice.amount_due,
    startingBalance: invoice.starting_balance,
    tax: (invoice.total_taxes ?? []).reduce((sum, tax) => sum + tax.amount, 0),
    discount: (invoice.total_discount_amounts ?? []).reduce((sum, entry) => sum + entry.amount, 0),
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
      items: [{ id: change.itemId, price: change.priceId, quantity: change.quantity ?? 1 }],
      proration_behavior: PRORATION_BEHAVIOR,
      proration_date: change.prorationDate,
    },
    ...(change.discounts ? { discounts: change.discounts } : {}),
  })
  return toPreview(invoice)
}

/** `applied`: the subscription is on the new price. `declined`: the card was declined and Stripe holds the change. */
export interface PriceChangeOutcome {
  status: 'applied' | 'declined'
  invoiceId: string | null
}

const idOf = (ref: string | { id: string } | null): string | null => (typeof ref === 'string' ? ref : (ref?.id ?? null))

/**
 * `pending_if_incomplete`: Stripe applies the change only once its invoice is paid. A declined card leaves the
 * subscription on its old price, with the change in `pending_update` until it expires (Stripe's default,
 * `allow_incomplete`, would move the customer to the new price unpaid). Pending updates take no `discounts`, so
 * a change with a promotion code uses `error_if_incomplete`: a declined card is refused (402) and nothing changes.
 */
export async function applyPriceChange(change: Omit<PriceChange, 'customerId'>, idempotencyKey: string): Promise<PriceChangeOutcome> {
  const withDiscounts = change.discounts !== undefined
  try {
    const subscription = await getStripe().subscriptions.update(
      change.subscriptionId,
      {
        items: [{ id: change.itemId, price: change.priceId, quantity: change.quantity ?? 1 }],
        proration_behavior: PRORATION_BEHAVIOR,
        proration_date: change.prorationDate,
        payment_behavior: withDiscounts ? 'error_if_incomplete' : 'pending_if_incomplete',
        ...(withDiscounts ? { discounts: change.discounts } : {}),
      },
      { idempotencyKey },
    )
    return { status: subscription.pending_update ? 'declined' : 'applied', invoiceId: idOf(subscription.latest_invoice) }
  } catch (error) {
    if (withDiscounts && isStripeError(error, 'StripeCardError')) return { status: 'declined', invoiceId: null }
    throw error
  }
}

export interface SubscriptionPriceState {
  status: Stripe.Subscription.Status
  priceId: string | null
  quantity: number
  latestInvoiceOpen: boolean
  /** Whether a subscription schedule (a change at period end) is attached. */
  scheduled: boolean
  /** The price a declined change is waiting to apply, and the open invoice that applies it once paid. */
  pending: { priceId: string | null; invoiceId: string | null; invoiceOpen: boolean } | null
}

export async function getSubscriptionPriceState(subscriptionId: string): Promise<SubscriptionPriceState> {
  const subscription = await getStripe().subscriptions.retrieve(subscriptionId, { expand: ['latest_invoice'] })
  const latest = subscription.latest_invoice as Stripe.Invoice | null
  const pendingItem = subscription.pending_update?.subscription_items?.[0]
  return {
    status: subscription.status,
    priceId: subscription.items.data[0]?.price.id ?? null,
    quantity: subscription.items.data[0]?.quantity ?? 1,
    latestInvoiceOpen: latest?.status === 'open',
    scheduled: subscription.schedule !== null,
    pending: subscription.pending_update
      ? { priceId: pendingItem?.price.id ?? null, invoiceId: latest?.id ?? null, invoiceOpen: latest?.status === 'open' }
      : null,
  }
}

/** Pays the open invoice of a pending change (after the customer fixed their card); paying it applies the change. */
export async function payPendingChange(invoiceId: string, idempotencyKey: string): Promise<PriceChangeOutcome> {
  try {
    const invoice = await getStripe().invoices.pay(invoiceId, {}, { idempotencyKey })
    return { status: invoice.status === 'paid' ? 'applied' : 'declined', invoiceId }
  } catch (error) {
    if (isStripeError(error, 'StripeCardError')) return { status: 'declined', invoiceId }
    throw error
  }
}

export async function retrieveSubscription(id: string): Promise<Stripe.Subscription> {
  return getStripe().subscriptions.retrieve(id)
}
