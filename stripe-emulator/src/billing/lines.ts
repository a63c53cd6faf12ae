import type Stripe from 'stripe';
import type { Ctx, LineSpec, State } from '../types.js';
import { formatMoney } from '../objects/money.js';
import { buildInvoiceItem, itemLine, pendingItems } from './invoice-items.js';
import type { Period } from './periods.js';
import { productName } from './proration.js';

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

/**
 * Items waiting for the subscription's next invoice: its prorations and the customer's
 * one-off items that belong to no subscription, as Stripe adds them to the next invoice.
 */
export function pendingLines(state: State, subscription: Stripe.Subscription): LineSpec[] {
  const accept = (owner: string | null): boolean => owner === null || owner === subscription.id;
  return pendingItems(state, subscription.customer as string, subscription.currency, accept).map(itemLine);
}

/** Stores proration lines as invoice items (pending until an invoice picks them up). */
export function storeInvoiceItems(ctx: Ctx, customerId: string, specs: LineSpec[], now: number): LineSpec[] {
  const customer = ctx.state.customers[customerId];
  if (!customer) return specs;
  return specs.map((spec) => {
    const price = spec.price ? ctx.state.prices[spec.price] ?? null : null;
    const item = buildInvoiceItem({
      customer, amount: spec.amount, currency: price?.currency ?? customer.currency ?? 'usd', description: spec.description,
      quantity: spec.quantity, price, period: spec.period, date: now, proration: spec.proration,
      subscription: spec.subscription, subscriptionItem: spec.subscription_item, credited: spec.credited, discounts: spec.discounts,
    });
    ctx.state.invoice_items[item.id] = item;
    ctx.emit('invoiceitem.created', item, now);
    return { ...spec, invoice_item: item.id, discountable: item.discountable };
  });
}
