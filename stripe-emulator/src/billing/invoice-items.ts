import type Stripe from 'stripe';
import type { LineSpec, State } from '../types.js';
import { newId } from '../core/ids.js';
import { decimal } from '../objects/money.js';
import type { Period } from './periods.js';

export interface InvoiceItemInput {
  customer: Stripe.Customer;
  amount: number;
  currency: string;
  description: string | null;
  quantity: number;
  price: Stripe.Price | null;
  period: Period;
  date: number;
  proration?: boolean;
  subscription?: string | null;
  subscriptionItem?: string | null;
  credited?: LineSpec['credited'];
  /** Stripe's default: false for prorations and negative amounts, true otherwise. */
  discountable?: boolean;
  metadata?: Stripe.Metadata;
  invoice?: string | null;
  /** Discounts already included in the amount (prorations). */
  discounts?: string[];
}

function productOf(price: Stripe.Price): string {
  return typeof price.product === 'string' ? price.product : price.product.id;
}

export function itemPricing(price: Stripe.Price | null, amount: number, quantity: number): Stripe.InvoiceItem.Pricing {
  const unit = decimal(quantity === 0 ? 0 : amount / quantity);
  return price
    ? { price_details: { price: price.id, product: productOf(price) }, type: 'price_details', unit_amount_decimal: unit }
    : { type: 'price_details', unit_amount_decimal: unit };
}

export function buildInvoiceItem(input: InvoiceItemInput): Stripe.InvoiceItem {
  const proration = input.proration ?? false;
  const subscription = input.subscription ?? null;
  return {
    id: newId('ii'),
    object: 'invoiceitem',
    amount: input.amount,
    currency: input.currency,
    customer: input.customer.id,
    customer_account: null,
    date: input.date,
    description: input.description,
    discountable: input.discountable ?? (!proration && input.amount >= 0),
    discounts: [...(input.discounts ?? [])],
    invoice: input.invoice ?? null,
    livemode: false,
    metadata: input.metadata ?? {},
    net_amount: input.amount,
    parent: subscription
      ? {
          subscription_details: input.subscriptionItem
            ? { subscription, subscription_item: input.subscriptionItem }
            : { subscription },
          type: 'subscription_details',
        }
      : null,
    period: { ...input.period },
    pricing: itemPricing(input.price, input.amount, input.quantity),
    proration,
    proration_details: {
      credited_items: input.credited
        ? { type: 'invoice_line_items', invoice_line_item_details: { invoice: input.credited.invoice, invoice_line_items: input.credited.invoice_line_items } }
        : null,
      discount_amounts: (input.discounts ?? []).map((discount) => ({ amount: 0, discount })),
    },
    quantity: input.quantity,
    quantity_decimal: decimal(input.quantity),
    tax_rates: [],
    test_clock: input.customer.test_clock ?? null,
  };
}

function priceIdOf(item: Stripe.InvoiceItem): string | null {
  const price = item.pricing?.price_details?.price;
  return typeof price === 'string' ? price : (price?.id ?? null);
}

/** The invoice line an item becomes. */
export function itemLine(item: Stripe.InvoiceItem): LineSpec {
  const details = item.parent?.subscription_details;
  const credited = item.proration_details?.credited_items?.invoice_line_item_details;
  return {
    amount: item.amount,
    description: item.description ?? '',
    period: { ...item.period },
    price: priceIdOf(item),
    product: item.pricing?.price_details?.product ?? null,
    quantity: item.quantity,
    proration: item.proration,
    subscription: details?.subscription ?? null,
    subscription_item: details?.subscription_item ?? null,
    invoice_item: item.id,
    credited: credited ? { invoice: credited.invoice, invoice_line_items: credited.invoice_line_items } : null,
    discountable: item.discountable,
    metadata: item.metadata ?? {},
    discounts: (item.discounts ?? []).map((discount) => (typeof discount === 'string' ? discount : discount.id)),
  };
}

/** Items not yet on an invoice for this customer and currency whose subscription (or none) `accept`s. */
export function pendingItems(
  state: State, customerId: string, currency: string, accept: (subscription: string | null) => boolean,
): Stripe.InvoiceItem[] {
  return Object.values(state.invoice_items).filter((item) =>
    item.invoice === null && item.customer === customerId && item.currency === currency
    && accept(item.parent?.subscription_details?.subscription ?? null));
}
