import type Stripe from 'stripe';
import type { Ctx, Params } from '../types.js';
import { customerNow, DAY, realNow } from '../core/time.js';
import { usablePrice } from '../billing/plan-update.js';
import { invalid, missingParam } from '../http/errors.js';
import { createdFilter, newestFirst, paginate } from '../http/list.js';
import { mergeMetadata, optArray, optInt, optNullableString, optObject, optString, reqString } from '../http/params.js';
import { route, type Route } from '../http/router.js';
import { buildCheckoutSession } from '../objects/checkout-session.js';
import { getOrThrow } from './common.js';

/** `checkout.sessions.create` in `subscription` or `setup` mode; the buyer completes it on the emulator's page. */
function create(ctx: Ctx, params: Params): Stripe.Checkout.Session {
  const mode = reqString(params, 'mode');
  if (mode !== 'subscription' && mode !== 'setup') {
    throw invalid('The emulator serves Checkout in `subscription` and `setup` mode only.', 'mode');
  }
  const customerId = optString(params, 'customer');
  const customer = customerId ? getOrThrow(ctx.state, 'customers', customerId, 'customer') : null;
  const customerEmail = optString(params, 'customer_email') ?? null;
  if (customer && customerEmail) throw invalid('You may only specify one of these parameters: customer, customer_email.', 'customer_email', 'parameters_exclusive');
  const lineItems = optArray(params, 'line_items') ?? [];
  if (mode === 'subscription' && lineItems.length === 0) throw missingParam('line_items');
  if (mode === 'setup' && lineItems.length > 0) throw invalid('`line_items` cannot be used in setup mode.', 'line_items');
  const items = lineItems.map((item, i) => ({
    price: usablePrice(ctx, reqString(item, 'price'), `line_items[${i}][price]`, customer?.currency ?? undefined),
    quantity: optInt(item, 'quantity') ?? 1,
  }));
  const currency = items[0]?.price.currency ?? optString(params, 'currency') ?? null;
  const subscriptionData = optObject(params, 'subscription_data') ?? {};
  const trialDays = optInt(subscriptionData, 'trial_period_days') ?? 0;
  const amount = mode === 'subscription' && trialDays === 0
    ? items.reduce((sum, item) => sum + (item.price.unit_amount ?? 0) * item.quantity, 0)
    : mode === 'subscription' ? 0 : null;
  const now = customer ? customerNow(ctx.state, customer.id) : realNow();
  const session = buildCheckoutSession({
    mode, created: now, expiresAt: optInt(params, 'expires_at') ?? now + DAY, baseUrl: ctx.baseUrl, customer, customerEmail,
    clientReferenceId: optNullableString(params, 'client_reference_id') ?? null,
    successUrl: optString(params, 'success_url') ?? null,
    cancelUrl: optString(params, 'cancel_url') ?? null,
    currency, amount, metadata: mergeMetadata({}, params),
  });
  ctx.state.checkout_sessions[session.id] = session;
  ctx.state.checkout_plans[session.id] = {
    items: items.map((item) => ({ price: item.price.id, quantity: item.quantity })),
    subscription: subscriptionData,
  };
  return session;
}

function expire(ctx: Ctx, _params: Params, [id]: string[]): Stripe.Checkout.Session {
  const session = getOrThrow(ctx.state, 'checkout_sessions', id as string);
  if (session.status !== 'open') throw invalid(`Only an open Checkout Session can be expired; this one is ${session.status}.`, 'id');
  session.status = 'expired';
  session.url = null;
  ctx.emit('checkout.session.expired', session, realNow());
  return session;
}

function list(ctx: Ctx, params: Params): unknown {
  const customer = optString(params, 'customer');
  const subscription = optString(params, 'subscription');
  const status = optString(params, 'status');
  const inRange = createdFilter(params);
  const sessions = newestFirst(ctx.state.checkout_sessions).filter((session) =>
    (!customer || session.customer === customer) && (!subscription || session.subscription === subscription) &&
    (!status || session.status === status) && inRange(session.created));
  return paginate(sessions, params, '/v1/checkout/sessions');
}

export const checkoutRoutes: Route[] = [
  route('POST', '/v1/checkout/sessions', create),
  route('GET', '/v1/checkout/sessions', list),
  route('GET', '/v1/checkout/sessions/:id', (ctx, _params, [id]) => getOrThrow(ctx.state, 'checkout_sessions', id as string)),
  route('POST', '/v1/checkout/sessions/:id/expire', expire),
];
