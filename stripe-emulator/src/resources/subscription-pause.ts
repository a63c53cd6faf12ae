import type Stripe from 'stripe';
import type { Ctx, LineSpec, Params } from '../types.js';
import { customerNow } from '../core/time.js';
import { issueInvoice } from '../billing/collect.js';
import { buildInvoice } from '../billing/invoice-builder.js';
import { resumePaused } from '../billing/lifecycle.js';
import { pendingLines, periodLine, storeInvoiceItems } from '../billing/lines.js';
import { nextBoundary, periodAround, recurringOf } from '../billing/periods.js';
import { currentPeriod } from '../billing/plan-update.js';
import { prorationLines } from '../billing/proration.js';
import { invalid } from '../http/errors.js';
import { optEnum, optInt, optObject, optString } from '../http/params.js';
import { route, type Route } from '../http/router.js';
import { getOrThrow } from './common.js';

/** `billing_cycle_anchor` is `now`/`unchanged`, sent bare or as `{ type }` depending on the client. */
function anchorType(params: Params): 'now' | 'unchanged' {
  const raw = params.billing_cycle_anchor;
  const value = typeof raw === 'object' && raw !== null ? optString(raw as Params, 'type') : optString(params, 'billing_cycle_anchor');
  if (value === undefined) return 'now';
  if (value !== 'now' && value !== 'unchanged') throw invalid('Invalid billing_cycle_anchor: must be one of now or unchanged', 'billing_cycle_anchor');
  return value;
}

/**
 * `POST /v1/subscriptions/:id/resume`, for status `paused`. With a resumption invoice the
 * subscription resumes on the payment attempt (past_due if it fails) or, with
 * `resume_on_payment_success`, once it is paid; an unpaid one is voided after 23 hours.
 */
function resume(ctx: Ctx, params: Params, [id]: string[]): Stripe.Subscription {
  const subscription = getOrThrow(ctx.state, 'subscriptions', id as string);
  if (subscription.status !== 'paused') throw invalid(`Only a paused subscription can be resumed; this one is ${subscription.status}.`, 'id');
  if (subscription.collection_method !== 'charge_automatically') throw invalid('Resume is only available for subscriptions that use charge_automatically collection.', 'id');
  const customer = getOrThrow(ctx.state, 'customers', subscription.customer as string);
  const now = customerNow(ctx.state, customer.id);
  const anchor = anchorType(params);
  const prorations = optEnum(params, 'proration_behavior', ['always_invoice', 'create_prorations', 'none'] as const) ?? 'create_prorations';
  const paymentBehavior = optEnum(params, 'payment_behavior', ['resume_on_payment_attempt', 'resume_on_payment_success'] as const) ?? 'resume_on_payment_attempt';
  const t = optInt(params, 'proration_date') ?? now;
  const recurring = recurringOf((subscription.items.data[0] as Stripe.SubscriptionItem).price);
  const before = structuredClone(subscription);
  const period = anchor === 'now' ? { start: now, end: nextBoundary(now, recurring, now) } : periodAround(subscription.billing_cycle_anchor, recurring, now);
  if (anchor === 'now') subscription.billing_cycle_anchor = now;
  for (const item of subscription.items.data) Object.assign(item, { current_period_start: period.start, current_period_end: period.end });
  let lines: LineSpec[] = [];
  if (anchor === 'now') {
    lines = [...pendingLines(ctx.state, subscription), ...subscription.items.data.map((item) => periodLine(ctx.state, item, period))];
  } else if (prorations !== 'none') {
    const remaining = subscription.items.data.flatMap((item) => prorationLines(ctx.state,
      { itemId: item.id, subscriptionId: subscription.id, before: null, after: { price: item.price, quantity: item.quantity ?? 1 } }, period, t));
    if (prorations === 'create_prorations') storeInvoiceItems(ctx, customer.id, remaining, now);
    else lines = [...pendingLines(ctx.state, subscription), ...remaining];
  }
  if (lines.length === 0) {
    ctx.emit('customer.subscription.updated', subscription, now, before);
    resumePaused(ctx, subscription, now);
    return subscription;
  }
  const invoice = buildInvoice({ customer, subscription, lines, billingReason: 'subscription_update', period: { start: now, end: now }, created: now, preview: false });
  subscription.latest_invoice = invoice.id;
  ctx.emit('customer.subscription.updated', subscription, now, before);
  const outcome = issueInvoice(ctx, invoice, now);
  if (outcome !== 'paid' && paymentBehavior === 'resume_on_payment_attempt') resumePaused(ctx, subscription, now, 'past_due');
  return subscription;
}

/**
 * `POST /v1/subscriptions/:id/pause`: status `paused`, crediting the unused time of the
 * period (from now by default) as a pending item or, with `invoicing_behavior=invoice`, at once.
 */
function pause(ctx: Ctx, params: Params, [id]: string[]): Stripe.Subscription {
  const subscription = getOrThrow(ctx.state, 'subscriptions', id as string);
  if (!['active', 'trialing', 'past_due'].includes(subscription.status)) {
    throw invalid(`Only an active, trialing or past_due subscription can be paused; this one is ${subscription.status}.`, 'id');
  }
  const customer = getOrThrow(ctx.state, 'customers', subscription.customer as string);
  const now = customerNow(ctx.state, customer.id);
  const invoicing = optEnum(params, 'invoicing_behavior', ['invoice', 'pending_invoice_item'] as const) ?? 'pending_invoice_item';
  const unusedFrom = optString(optObject(optObject(params, 'bill_for') ?? {}, 'unused_time_from') ?? {}, 'type') ?? 'now';
  const period = currentPeriod(subscription);
  const from = unusedFrom === 'item_current_period_start' ? period.start : now;
  const credits = unusedFrom === 'none' || subscription.status === 'trialing' ? [] : subscription.items.data.flatMap((item) => prorationLines(ctx.state,
    { itemId: item.id, subscriptionId: subscription.id, before: { price: item.price, quantity: item.quantity ?? 1 }, after: null }, period, from));
  const before = structuredClone(subscription);
  subscription.status = 'paused';
  ctx.emit('customer.subscription.updated', subscription, now, before);
  ctx.emit('customer.subscription.paused', subscription, now);
  const stored = storeInvoiceItems(ctx, customer.id, credits, now);
  if (invoicing === 'invoice' && stored.length > 0) {
    const invoice = buildInvoice({ customer, subscription, lines: stored, billingReason: 'subscription_update', period: { start: now, end: now }, created: now, preview: false });
    subscription.latest_invoice = invoice.id;
    issueInvoice(ctx, invoice, now);
  }
  return subscription;
}

export const subscriptionPauseRoutes: Route[] = [
  route('POST', '/v1/subscriptions/:id/resume', resume),
  route('POST', '/v1/subscriptions/:id/pause', pause),
];
