import type Stripe from 'stripe';
import type { Ctx } from '../types.js';
import { issueInvoice } from './collect.js';
import { buildInvoice } from './invoice-builder.js';
import { voidOpenInvoice } from './invoice-status.js';
import { issueWhileCollectionPaused } from './pause-collection.js';
import { dropEndedDiscounts, spendOnceDiscounts, subscriptionTerms } from './discounts.js';
import { endSubscription } from './lifecycle.js';
import { pendingLines, periodLine } from './lines.js';
import { nextBoundary, recurringOf } from './periods.js';
import { currentPeriod } from './plan-update.js';
import { enterSchedulePhase } from './schedules.js';
import { endTrial } from './trials.js';

/** Period end: cancel if asked to, otherwise start the next period (a schedule's next phase first) and invoice it. */
export function renew(ctx: Ctx, subscription: Stripe.Subscription, at: number): void {
  if (subscription.cancel_at_period_end || (subscription.cancel_at !== null && subscription.cancel_at <= at)) {
    endSubscription(ctx, subscription, at, 'cancellation_requested');
    return;
  }
  if (subscription.status === 'trialing') {
    endTrial(ctx, subscription, at, 'subscription_cycle');
    return;
  }
  const customer = ctx.state.customers[subscription.customer as string];
  if (!customer) return;
  const before = structuredClone(subscription);
  if (!enterSchedulePhase(ctx, subscription, at)) return;
  const period = currentPeriod(subscription);
  const price = (subscription.items.data[0] as Stripe.SubscriptionItem).price;
  const next = { start: period.end, end: nextBoundary(subscription.billing_cycle_anchor, recurringOf(price), period.end) };
  for (const item of subscription.items.data) {
    item.current_period_start = next.start;
    item.current_period_end = next.end;
  }
  const lines = [
    ...pendingLines(ctx.state, subscription),
    ...subscription.items.data.map((item) => periodLine(ctx.state, item, next)),
  ];
  dropEndedDiscounts(ctx, subscription, at);
  const invoice = buildInvoice({
    customer, subscription, lines, billingReason: 'subscription_cycle', period, created: at, preview: false,
    discounts: subscriptionTerms(ctx.state, subscription, at),
  });
  subscription.latest_invoice = invoice.id;
  ctx.emit('customer.subscription.updated', subscription, at, before);
  if (subscription.pause_collection) issueWhileCollectionPaused(ctx, invoice, subscription.pause_collection, at);
  else issueInvoice(ctx, invoice, at);
  spendOnceDiscounts(ctx, subscription, invoice, at);
}

/** Stripe voids the invoice of an update nobody paid in time and drops the update. */
export function expirePendingUpdate(ctx: Ctx, subscription: Stripe.Subscription, at: number): void {
  const before = structuredClone(subscription);
  subscription.pending_update = null;
  const invoice = typeof subscription.latest_invoice === 'string' ? ctx.state.invoices[subscription.latest_invoice] : undefined;
  if (invoice?.status === 'open') voidOpenInvoice(ctx, invoice, at);
  ctx.emit('customer.subscription.updated', subscription, at, before);
  ctx.emit('customer.subscription.pending_update_expired', subscription, at);
}

/** A first invoice left unpaid for 23 hours: Stripe voids it and the subscription is `incomplete_expired`. */
export function expireIncomplete(ctx: Ctx, subscription: Stripe.Subscription, at: number): void {
  const invoice = typeof subscription.latest_invoice === 'string' ? ctx.state.invoices[subscription.latest_invoice] : undefined;
  if (invoice?.status === 'open') voidOpenInvoice(ctx, invoice, at);
  const before = structuredClone(subscription);
  subscription.status = 'incomplete_expired';
  subscription.canceled_at = at;
  subscription.ended_at = at;
  ctx.emit('customer.subscription.updated', subscription, at, before);
}
