import type Stripe from 'stripe';
import type { Ctx, Params } from '../types.js';
import { customerNow } from '../core/time.js';
import { issueInvoice, predictCharge } from '../billing/collect.js';
import { buildInvoice } from '../billing/invoice-builder.js';
import { endSubscription, setStatus } from '../billing/lifecycle.js';
import { pendingLines, periodLine, storeInvoiceItems } from '../billing/lines.js';
import { currentPeriod, usablePrice } from '../billing/plan-update.js';
import { nextBoundary, recurringOf, sameInterval } from '../billing/periods.js';
import { prorationLines } from '../billing/proration.js';
import { discountParams, readDiscounts, redeem, spendOnceDiscounts } from '../billing/discounts.js';
import { missingPaymentMethodBehavior, notifyTrialWillEnd, requestedTrialEnd } from '../billing/trials.js';
import { cardDeclined, invalid, missingParam, noSuch } from '../http/errors.js';
import { createdFilter, newestFirst, paginate } from '../http/list.js';
import { mergeMetadata, optArray, optBool, optEnum, optInt, optNullableString, optObject, optString, reqString } from '../http/params.js';
import { route, type Route } from '../http/router.js';
import { buildSubscription } from '../objects/subscription.js';
import { getOrThrow } from './common.js';
import { subscriptionPauseRoutes } from './subscription-pause.js';
import { requireAttached } from './payment-methods.js';
import { updateSubscription } from './subscription-update.js';

const PAYMENT_BEHAVIORS = ['allow_incomplete', 'default_incomplete', 'error_if_incomplete', 'pending_if_incomplete'] as const;

export function createSubscription(ctx: Ctx, params: Params): Stripe.Subscription {
  const customer = getOrThrow(ctx.state, 'customers', reqString(params, 'customer'), 'customer');
  const itemParams = optArray(params, 'items');
  if (!itemParams?.length) throw missingParam('items');
  const items = itemParams.map((item, i) => ({
    price: usablePrice(ctx, reqString(item, 'price'), `items[${i}][price]`, customer.currency ?? undefined),
    quantity: optInt(item, 'quantity') ?? 1,
    metadata: mergeMetadata({}, item),
  }));
  const first = items[0] as (typeof items)[number];
  if (items.some((item) => item.price.currency !== first.price.currency || !sameInterval(item.price, first.price))) {
    throw invalid('All prices on a subscription must share currency and billing interval.', 'items');
  }
  const now = customerNow(ctx.state, customer.id);
  const requestedPm = optString(params, 'default_payment_method');
  const defaultPm = requestedPm ? requireAttached(ctx, requestedPm, customer.id, 'default_payment_method') : null;
  const trialEnd = requestedTrialEnd(params, now, first.price);
  const trial = typeof trialEnd === 'number' ? { start: now, end: trialEnd } : null;
  const anchor = trial?.end ?? now;
  const period = trial ?? { start: now, end: nextBoundary(anchor, recurringOf(first.price), now) };
  const behavior = optEnum(params, 'payment_behavior', PAYMENT_BEHAVIORS) ?? 'allow_incomplete';
  const subscription = buildSubscription({
    customer, items, period, anchor, now, trial, defaultPaymentMethod: defaultPm,
    metadata: mergeMetadata({}, params),
    description: optNullableString(params, 'description') ?? null,
    cancelAtPeriodEnd: optBool(params, 'cancel_at_period_end') ?? false,
    missingPaymentMethod: missingPaymentMethodBehavior(params) ?? 'create_invoice',
  });
  const lines = subscription.items.data.map((item) => periodLine(ctx.state, item, period, trial !== null));
  const discounts = readDiscounts(ctx, discountParams(params) ?? [], {
    customer, subscription: subscription.id, currency: subscription.currency, now,
    products: lines.flatMap((line) => (line.product ? [line.product] : [])),
    amount: subscription.items.data.reduce((sum, item) => sum + (item.price.unit_amount ?? 0) * (item.quantity ?? 1), 0),
  });
  subscription.discounts = discounts.map((term) => term.discount.id);
  const invoice = buildInvoice({
    customer, subscription, lines, billingReason: 'subscription_create', period: { start: now, end: now }, created: now, preview: false, discounts,
  });
  const amountDue = Math.max(0, invoice.total + customer.balance);
  const paymentMethod = defaultPm ?? (customer.invoice_settings.default_payment_method as string | null);
  const charge = behavior !== 'default_incomplete' || amountDue === 0;
  const predicted = charge ? predictCharge(ctx, amountDue, paymentMethod) : 'open';
  if (predicted === 'failed' && behavior === 'error_if_incomplete') {
    if (!paymentMethod) throw invalid('This customer has no attached payment source or default payment method.', 'customer', 'resource_missing');
    throw cardDeclined();
  }
  subscription.status = trial ? 'trialing' : predicted === 'paid' ? 'active' : 'incomplete';
  subscription.latest_invoice = invoice.id;
  ctx.state.subscriptions[subscription.id] = subscription;
  if (!customer.currency) {
    const before = structuredClone(customer);
    customer.currency = subscription.currency;
    ctx.emit('customer.updated', customer, now, before);
  }
  ctx.emit('customer.subscription.created', subscription, now);
  redeem(ctx, discounts, now);
  const outcome = issueInvoice(ctx, invoice, now, charge);
  spendOnceDiscounts(ctx, subscription, invoice, now);
  if (!trial) setStatus(ctx, subscription, outcome === 'paid' ? 'active' : 'incomplete', now);
  notifyTrialWillEnd(ctx, subscription, now);
  return subscription;
}

function cancel(ctx: Ctx, params: Params, [id]: string[]): Stripe.Subscription {
  const subscription = getOrThrow(ctx.state, 'subscriptions', id as string);
  if (subscription.status === 'canceled') throw invalid('This subscription has already been canceled.', 'id');
  const now = customerNow(ctx.state, subscription.customer as string);
  const details = optObject(params, 'cancellation_details');
  if (details) {
    subscription.cancellation_details = {
      comment: optNullableString(details, 'comment') ?? null,
      feedback: (optString(details, 'feedback') ?? null) as Stripe.Subscription.CancellationDetails.Feedback | null,
      feedback_option: null,
      reason: null,
    };
  }
  if (optBool(params, 'prorate')) {
    const period = currentPeriod(subscription);
    const credits = subscription.items.data.flatMap((item) => prorationLines(ctx.state,
      { itemId: item.id, subscriptionId: subscription.id, before: { price: item.price, quantity: item.quantity ?? 1 }, after: null },
      period, Math.min(now, period.end)));
    storeInvoiceItems(ctx, subscription.customer as string, credits, now);
  }
  endSubscription(ctx, subscription, now, 'cancellation_requested');
  const finalLines = optBool(params, 'invoice_now') ? pendingLines(ctx.state, subscription) : [];
  if (finalLines.length > 0) {
    const customer = getOrThrow(ctx.state, 'customers', subscription.customer as string);
    const invoice = buildInvoice({
      customer, subscription, lines: finalLines, billingReason: 'subscription_cycle', period: { start: now, end: now }, created: now, preview: false,
    });
    subscription.latest_invoice = invoice.id;
    issueInvoice(ctx, invoice, now);
  }
  return subscription;
}

function list(ctx: Ctx, params: Params): unknown {
  const customer = optString(params, 'customer');
  const status = optString(params, 'status');
  const price = optString(params, 'price');
  const clock = optString(params, 'test_clock');
  const inRange = createdFilter(params);
  const subscriptions = newestFirst(ctx.state.subscriptions).filter((s) =>
    (!customer || s.customer === customer) &&
    (status === 'all' || (status ? s.status === status : !['canceled', 'incomplete_expired'].includes(s.status))) &&
    (!price || s.items.data.some((item) => item.price.id === price)) &&
    (!clock || s.test_clock === clock) &&
    inRange(s.created));
  return paginate(subscriptions, params, '/v1/subscriptions');
}

function findItem(ctx: Ctx, itemId: string): Stripe.SubscriptionItem {
  for (const subscription of Object.values(ctx.state.subscriptions)) {
    const item = subscription.items.data.find((candidate) => candidate.id === itemId);
    if (item) return item;
  }
  throw noSuch('subscription item', itemId);
}

export const subscriptionRoutes: Route[] = [
  ...subscriptionPauseRoutes,
  route('POST', '/v1/subscriptions', createSubscription),
  route('GET', '/v1/subscriptions', list),
  route('GET', '/v1/subscriptions/:id', (ctx, _params, [id]) => getOrThrow(ctx.state, 'subscriptions', id as string)),
  route('POST', '/v1/subscriptions/:id', updateSubscription),
  route('DELETE', '/v1/subscriptions/:id', cancel),
  route('GET', '/v1/subscription_items', (ctx, params) => {
    const subscription = getOrThrow(ctx.state, 'subscriptions', reqString(params, 'subscription'), 'subscription');
    return paginate(subscription.items.data, params, `/v1/subscription_items?subscription=${subscription.id}`);
  }),
  route('GET', '/v1/subscription_items/:id', (ctx, _params, [id]) => findItem(ctx, id as string)),
];
