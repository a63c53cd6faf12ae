import type Stripe from 'stripe';
import type { Ctx, LineSpec, State } from '../types';
import { newId } from '../core/ids';
import { decimal, formatMoney } from '../objects/money';
import type { Period } from './periods';
import { productName } from './proration';

function cadence(price: Stripe.Price): string {
  const interval = price.recurring?.interval ?? 'month';
  const count = price.recurring?.interval_count ?? 1;
  return count === 1 ? `/ ${interval}` : `every ${count} ${interval}s`;
}

type ItemLike = Pick<Stripe.SubscriptionItem, 'id' | 'price' | 'quantity' | 'subscription'>;

/** The full-period charge for an item: "1 × Pro (at $20.00 / month)". */
export function periodLine(state: State, item: ItemLike, period: Period, trial = false): LineSpec {
  const quantity = item.quantity ?? 1;
  const name = productName(state, item.price);
  const unit = item.price.unit_amount ?? 0;
  return {
    amount: trial ? 0 : unit * quantity,
    description: trial
      ? `Trial period for ${name}`
      : `${quantity} × ${name} (at ${formatMoney(unit, item.price.currency)} ${cadence(item.price)})`,
    period: { ...period },
    price: item.price.id,
    product: typeof item.price.product === 'string' ? item.price.product : item.price.product.id,
    quantity,
    proration: false,
    subscription: item.subscription,
    subscription_item: item.id,
    invoice_item: null,
    credited: null,
  };
}

/** Proration items waiting for the subscription's next invoice. */
export function pendingItems(state: State, subscriptionId: string): Stripe.InvoiceItem[] {
  return Object.values(state.invoice_items).filter(
    (ii) => ii.invoice === null && ii.parent?.subscription_details?.subscription === subscriptionId,
  );
}

export function pendingLines(state: State, subscriptionId: string): LineSpec[] {
  return pendingItems(state, subscriptionId).map((ii) => {
    const details = ii.parent?.subscription_details;
    const priceDetails = ii.pricing?.price_details;
    const credited = ii.proration_details?.credited_items?.invoice_line_item_details;
    return {
      amount: ii.amount,
      description: ii.description ?? '',
      period: { ...ii.period },
      price: typeof priceDetails?.price === 'string' ? priceDetails.price : (priceDetails?.price.id ?? ''),
      product: priceDetails?.product ?? '',
      quantity: ii.quantity,
      proration: ii.proration,
      subscription: subscriptionId,
      subscription_item: details?.subscription_item ?? '',
      invoice_item: ii.id,
      credited: credited ? { invoice: credited.invoice, invoice_line_items: credited.invoice_line_items } : null,
    };
  });
}

/** Stores proration lines as invoice items (pending until an invoice picks them up). */
export function storeInvoiceItems(ctx: Ctx, customerId: string, specs: LineSpec[], now: number): LineSpec[] {
  const customer = ctx.state.customers[customerId];
  return specs.map((spec) => {
    const item: Stripe.InvoiceItem = {
      id: newId('ii'),
      object: 'invoiceitem',
      amount: spec.amount,
      currency: ctx.state.prices[spec.price]?.currency ?? 'usd',
      customer: customerId,
      customer_account: null,
      date: now,
      description: spec.description,
      discountable: false,
      discounts: [],
      invoice: null,
      livemode: false,
      metadata: {},
      net_amount: spec.amount,
      parent: {
        subscription_details: { subscription: spec.subscription, subscription_item: spec.subscription_item },
        type: 'subscription_details',
      },
      period: { ...spec.period },
      pricing: { price_details: { price: spec.price, product: spec.product }, type: 'price_details', unit_amount_decimal: decimal(spec.amount / spec.quantity) },
      proration: spec.proration,
      proration_details: {
        credited_items: spec.credited
          ? { type: 'invoice_line_item', invoice_line_item_details: { invoice: spec.credited.invoice, invoice_line_items: spec.credited.invoice_line_items } }
          : null,
        discount_amounts: [],
      },
      quantity: spec.quantity,
      quantity_decimal: decimal(spec.quantity),
      tax_rates: [],
      test_clock: customer?.test_clock ?? null,
    };
    ctx.state.invoice_items[item.id] = item;
    ctx.emit('invoiceitem.created', item, now);
    return { ...spec, invoice_item: item.id };
  });
}
