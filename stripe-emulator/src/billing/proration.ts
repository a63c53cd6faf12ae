import type Stripe from 'stripe';
import type { LineSpec, State } from '../types.js';
import { formatDay } from '../core/time.js';
import type { Period } from './periods.js';

/** What an item was and becomes; a missing side means the item is added or removed. */
export interface ItemChange {
  itemId: string;
  subscriptionId: string;
  before: { price: Stripe.Price; quantity: number } | null;
  after: { price: Stripe.Price; quantity: number } | null;
}

/**
 * Stripe's rule, to the second: the share of the period left after `t`, applied to the full
 * period amount and rounded to the nearest minor unit.
 */
export function prorate(periodAmount: number, period: Period, t: number): number {
  return Math.round((periodAmount * (period.end - t)) / (period.end - period.start));
}

export function productName(state: State, price: Stripe.Price): string {
  const productId = typeof price.product === 'string' ? price.product : price.product.id;
  return state.products[productId]?.name ?? price.nickname ?? productId;
}

function label(state: State, price: Stripe.Price, quantity: number): string {
  const name = productName(state, price);
  return quantity === 1 ? name : `${quantity} × ${name}`;
}

function productId(price: Stripe.Price): string {
  return typeof price.product === 'string' ? price.product : price.product.id;
}

/** Finds the line that billed this item most recently, for `proration_details.credited_items`. */
function creditedLine(state: State, change: ItemChange): LineSpec['credited'] {
  const invoices = Object.values(state.invoices).reverse();
  for (const invoice of invoices) {
    if (invoice.parent?.subscription_details?.subscription !== change.subscriptionId) continue;
    const line = invoice.lines.data.find(
      (l) => l.parent?.subscription_item_details?.subscription_item === change.itemId
        && !l.parent.subscription_item_details.proration,
    );
    if (line) return { invoice: invoice.id, invoice_line_items: [line.id] };
  }
  return null;
}

/** Credit for unused time on the old price and charge for remaining time on the new one. */
export function prorationLines(state: State, change: ItemChange, period: Period, t: number): LineSpec[] {
  const lines: LineSpec[] = [];
  const base = {
    period: { start: t, end: period.end },
    proration: true,
    subscription: change.subscriptionId,
    subscription_item: change.itemId,
    invoice_item: null,
  };
  const { before, after } = change;
  if (before) {
    const full = (before.price.unit_amount ?? 0) * before.quantity;
    lines.push({
      ...base,
      amount: -prorate(full, period, t),
      description: `Unused time on ${label(state, before.price, before.quantity)} after ${formatDay(t)}`,
      price: before.price.id,
      product: productId(before.price),
      quantity: before.quantity,
      credited: creditedLine(state, change),
    });
  }
  if (after) {
    const full = (after.price.unit_amount ?? 0) * after.quantity;
    lines.push({
      ...base,
      amount: prorate(full, period, t),
      description: `Remaining time on ${label(state, after.price, after.quantity)} after ${formatDay(t)}`,
      price: after.price.id,
      product: productId(after.price),
      quantity: after.quantity,
      credited: null,
    });
  }
  return lines;
}
