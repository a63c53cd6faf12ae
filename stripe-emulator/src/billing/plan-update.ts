import type Stripe from 'stripe';
import type { Ctx, LineSpec, Params } from '../types.js';
import { newId } from '../core/ids.js';
import { invalid } from '../http/errors.js';
import { optBool, optInt, optString } from '../http/params.js';
import { getOrThrow } from '../resources/common.js';
import { planFromPrice } from '../resources/prices.js';
import { pendingLines, periodLine } from './lines.js';
import { nextBoundary, recurringOf, sameInterval, type Period } from './periods.js';
import { prorationLines, type ItemChange } from './proration.js';

export type ProrationBehavior = 'create_prorations' | 'always_invoice' | 'none';
export const PRORATION_BEHAVIORS: readonly ProrationBehavior[] = ['create_prorations', 'always_invoice', 'none'];

export interface UpdatePlan {
  t: number;
  period: Period;
  items: Stripe.SubscriptionItem[];
  prorations: LineSpec[];
  /** Set when the billing interval changes: a new period starts at `t` and is invoiced at once. */
  resetPeriod: Period | null;
}

/** A recurring, active price with the subscription's currency. */
export function usablePrice(ctx: Ctx, priceId: string, param: string, currency?: string): Stripe.Price {
  const price = getOrThrow(ctx.state, 'prices', priceId, param);
  if (!price.recurring) throw invalid(`The price specified is set to \`type=one_time\` but this field only accepts prices with \`type=recurring\`.`, param);
  if (!price.active) throw invalid(`The price specified is inactive. This field only accepts active prices.`, param);
  if (currency && price.currency !== currency) throw invalid(`The price's currency (${price.currency}) must match the subscription's currency (${currency}).`, param);
  return price;
}

export function currentPeriod(subscription: Stripe.Subscription): Period {
  const first = subscription.items.data[0];
  return { start: first?.current_period_start ?? subscription.start_date, end: first?.current_period_end ?? subscription.start_date };
}

/**
 * Works out a change to a subscription's items without touching the state, so
 * `invoices.createPreview` and `subscriptions.update` share the same numbers.
 */
export function planUpdate(ctx: Ctx, subscription: Stripe.Subscription, itemParams: Params[], t: number): UpdatePlan {
  const period = currentPeriod(subscription);
  if (t < period.start || t > period.end) {
    throw invalid('proration_date must be within the current billing period.', 'proration_date');
  }
  const items = subscription.items.data.map((item) => structuredClone(item));
  const changes = new Map<string, ItemChange>();
  const track = (item: Stripe.SubscriptionItem): ItemChange => {
    const existing = changes.get(item.id);
    if (existing) return existing;
    const change: ItemChange = { itemId: item.id, subscriptionId: subscription.id, before: { price: item.price, quantity: item.quantity ?? 1 }, after: null };
    changes.set(item.id, change);
    return change;
  };
  itemParams.forEach((param, index) => {
    const id = optString(param, 'id');
    const priceId = optString(param, 'price');
    const quantity = optInt(param, 'quantity');
    if (quantity !== undefined && quantity < 0) throw invalid('Invalid quantity', `items[${index}][quantity]`);
    const price = priceId ? usablePrice(ctx, priceId, `items[${index}][price]`, subscription.currency) : undefined;
    if (!id) {
      if (!price) throw invalid('Each new item needs a price.', `items[${index}][price]`);
      const item: Stripe.SubscriptionItem = {
        ...structuredClone(subscription.items.data[0] as Stripe.SubscriptionItem),
        id: newId('si'), created: t, metadata: {}, price: structuredClone(price), plan: planFromPrice(price), quantity: quantity ?? 1,
      };
      items.push(item);
      changes.set(item.id, { itemId: item.id, subscriptionId: subscription.id, before: null, after: null });
      return;
    }
    const position = items.findIndex((item) => item.id === id);
    const item = items[position];
    if (!item) throw invalid(`Invalid subscription item: '${id}'`, `items[${index}][id]`);
    track(item);
    if (optBool(param, 'deleted')) items.splice(position, 1);
    if (price) {
      item.price = structuredClone(price);
      item.plan = planFromPrice(price);
    }
    if (quantity !== undefined) item.quantity = quantity;
  });
  if (items.length === 0) throw invalid('A subscription needs at least one item.', 'items');
  const first = items[0] as Stripe.SubscriptionItem;
  if (!items.every((item) => sameInterval(item.price, first.price))) {
    throw invalid('Items on a subscription must all have the same billing interval.', 'items');
  }
  for (const item of items) {
    const change = changes.get(item.id);
    if (change) change.after = { price: item.price, quantity: item.quantity ?? 1 };
  }
  const original = subscription.items.data[0] as Stripe.SubscriptionItem;
  const trialing = subscription.status === 'trialing';
  const resetPeriod = !trialing && !sameInterval(original.price, first.price)
    ? { start: t, end: nextBoundary(t, recurringOf(first.price), t) }
    : null;
  if (resetPeriod) {
    for (const item of items) Object.assign(item, { current_period_start: resetPeriod.start, current_period_end: resetPeriod.end });
  }
  const effective = [...changes.values()].filter(
    (c) => !c.before || !c.after || c.before.price.id !== c.after.price.id || c.before.quantity !== c.after.quantity,
  );
  // A new period is billed in full, so only the unused time of the old items is prorated.
  const prorations = trialing ? [] : effective.flatMap((change) =>
    prorationLines(ctx.state, resetPeriod ? { ...change, after: null } : change, period, t));
  return { t, period, items, prorations, resetPeriod };
}

/** Lines invoiced immediately for this behaviour, or null when the change waits for the renewal. */
export function immediateLines(ctx: Ctx, subscription: Stripe.Subscription, plan: UpdatePlan, behavior: ProrationBehavior): LineSpec[] | null {
  const prorations = behavior === 'none' ? [] : plan.prorations;
  if (plan.resetPeriod) {
    const reset = plan.resetPeriod;
    return [...pendingLines(ctx.state, subscription), ...prorations, ...plan.items.map((item) => periodLine(ctx.state, item, reset))];
  }
  if (behavior !== 'always_invoice') return null;
  const lines = [...pendingLines(ctx.state, subscription), ...prorations];
  return lines.length > 0 ? lines : null;
}
