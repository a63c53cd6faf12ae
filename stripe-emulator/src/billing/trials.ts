import type Stripe from 'stripe';
import { spendOnceDiscounts, subscriptionTerms } from './discounts.js';
import type { Ctx, Params } from '../types.js';
import { DAY } from '../core/time.js';
import { invalid } from '../http/errors.js';
import { optBool, optInt, optString } from '../http/params.js';
import { issueInvoice } from './collect.js';
import { buildInvoice } from './invoice-builder.js';
import { endSubscription } from './lifecycle.js';
import { pendingLines, periodLine } from './lines.js';
import { nextBoundary, recurringOf, type Period } from './periods.js';

/** `customer.subscription.trial_will_end` goes out this long before the trial ends. */
export const TRIAL_WILL_END_NOTICE = 3 * DAY;
const MAX_TRIAL = 730 * DAY;

function exclusive(a: string, b: string): Error {
  return invalid(`You may only specify one of these parameters: ${a}, ${b}.`, b, 'parameters_exclusive');
}

/**
 * The trial a request asks for: `trial_end` (a time or `now`), `trial_period_days`, or the
 * price's own `trial_period_days` with `trial_from_plan`. `null`: no trial (or `now`).
 */
export function requestedTrialEnd(params: Params, now: number, price: Stripe.Price): number | 'now' | null {
  const rawEnd = params.trial_end;
  const days = optInt(params, 'trial_period_days');
  const fromPlan = optBool(params, 'trial_from_plan') ?? false;
  if (rawEnd !== undefined && days !== undefined) throw exclusive('trial_end', 'trial_period_days');
  if (rawEnd !== undefined && fromPlan) throw exclusive('trial_end', 'trial_from_plan');
  if (rawEnd === 'now') return 'now';
  const end = rawEnd !== undefined ? optInt(params, 'trial_end') as number
    : days !== undefined ? (days > 0 ? now + days * DAY : null)
    : fromPlan && price.recurring?.trial_period_days ? now + price.recurring.trial_period_days * DAY
    : null;
  if (end === null) return null;
  const param = rawEnd !== undefined ? 'trial_end' : 'trial_period_days';
  if (end <= now) throw invalid('Invalid timestamp: must be an integer Unix timestamp in the future.', param);
  if (end - now > MAX_TRIAL) throw invalid('The trial period can be at most 730 days (two years).', param);
  return end;
}

export function missingPaymentMethodBehavior(params: Params): Stripe.Subscription.TrialSettings.EndBehavior.MissingPaymentMethod | undefined {
  const settings = params.trial_settings as Params | undefined;
  const endBehavior = settings && typeof settings === 'object' ? (settings.end_behavior as Params | undefined) : undefined;
  if (!endBehavior || typeof endBehavior !== 'object') return undefined;
  const value = optString(endBehavior, 'missing_payment_method');
  if (value !== undefined && !['create_invoice', 'pause', 'cancel'].includes(value)) {
    throw invalid('Invalid trial_settings[end_behavior][missing_payment_method]: must be one of cancel, create_invoice, or pause', 'trial_settings[end_behavior][missing_payment_method]');
  }
  return value as Stripe.Subscription.TrialSettings.EndBehavior.MissingPaymentMethod | undefined;
}

function hasPaymentMethod(ctx: Ctx, subscription: Stripe.Subscription): boolean {
  const customer = ctx.state.customers[subscription.customer as string];
  return !!(subscription.default_payment_method ?? customer?.invoice_settings.default_payment_method ?? customer?.default_source);
}

/** Sends `trial_will_end` once per trial end, as soon as fewer than three days remain (or now, when `ending`). */
export function notifyTrialWillEnd(ctx: Ctx, subscription: Stripe.Subscription, at: number, ending = false): void {
  if (subscription.status !== 'trialing' || subscription.trial_end === null) return;
  if (ctx.state.trial_notices[subscription.id] === subscription.trial_end) return;
  if (subscription.trial_end - TRIAL_WILL_END_NOTICE > at && !ending) return;
  ctx.state.trial_notices[subscription.id] = subscription.trial_end;
  ctx.emit('customer.subscription.trial_will_end', subscription, at);
}

/** When the notice is due, or null once sent. */
export function trialNoticeDueAt(state: Ctx['state'], subscription: Stripe.Subscription): number | null {
  if (subscription.status !== 'trialing' || subscription.trial_end === null) return null;
  if (state.trial_notices[subscription.id] === subscription.trial_end) return null;
  return subscription.trial_end - TRIAL_WILL_END_NOTICE;
}

/** Moves the trial's end (extending or shortening it); the billing cycle anchor follows, as on Stripe. */
export function moveTrialEnd(subscription: Stripe.Subscription, end: number, now: number): void {
  const wasTrialing = subscription.status === 'trialing';
  if (!wasTrialing) {
    subscription.status = 'trialing';
    subscription.trial_start = now;
  }
  subscription.trial_end = end;
  subscription.billing_cycle_anchor = end;
  for (const item of subscription.items.data) {
    if (!wasTrialing) item.current_period_start = now;
    item.current_period_end = end;
  }
}

/**
 * The trial is over at `at` (its end, or `trial_end=now`). Without a payment method Stripe
 * follows `trial_settings.end_behavior.missing_payment_method`; otherwise a new period
 * starts and is invoiced, a failed charge making the subscription past_due.
 */
export function endTrial(ctx: Ctx, subscription: Stripe.Subscription, at: number, billingReason: Stripe.Invoice.BillingReason): void {
  const customer = ctx.state.customers[subscription.customer as string];
  if (!customer) return;
  const behavior = subscription.trial_settings?.end_behavior.missing_payment_method ?? 'create_invoice';
  if (!hasPaymentMethod(ctx, subscription) && behavior === 'cancel') {
    endSubscription(ctx, subscription, at, 'cancellation_requested');
    return;
  }
  const before = structuredClone(subscription);
  subscription.trial_end = at;
  if (!hasPaymentMethod(ctx, subscription) && behavior === 'pause') {
    subscription.status = 'paused';
    ctx.emit('customer.subscription.updated', subscription, at, before);
    ctx.emit('customer.subscription.paused', subscription, at);
    return;
  }
  const price = (subscription.items.data[0] as Stripe.SubscriptionItem).price;
  subscription.billing_cycle_anchor = at;
  const next: Period = { start: at, end: nextBoundary(at, recurringOf(price), at) };
  for (const item of subscription.items.data) {
    item.current_period_start = next.start;
    item.current_period_end = next.end;
  }
  subscription.status = 'active';
  const lines = [...pendingLines(ctx.state, subscription), ...subscription.items.data.map((item) => periodLine(ctx.state, item, next))];
  const invoice = buildInvoice({
    customer, subscription, lines, billingReason, period: { start: before.items.data[0]?.current_period_start ?? at, end: at }, created: at, preview: false,
    discounts: subscriptionTerms(ctx.state, subscription, at),
  });
  subscription.latest_invoice = invoice.id;
  ctx.emit('customer.subscription.updated', subscription, at, before);
  issueInvoice(ctx, invoice, at);
  spendOnceDiscounts(ctx, subscription, invoice, at);
}
