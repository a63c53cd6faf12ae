import type Stripe from 'stripe';
import type { CheckoutPlan, Ctx, Params } from '../types.js';
import { customerNow, DAY, realNow } from '../core/time.js';
import { discountLines, discountParams, readDiscounts } from '../billing/discounts.js';
import { usablePrice } from '../billing/plan-update.js';
import { invalid, missingParam } from '../http/errors.js';
import { createdFilter, newestFirst, paginate } from '../http/list.js';
import { mergeMetadata, optArray, optBool, optInt, optNullableString, optObject, optString, reqString } from '../http/params.js';
import { route, type Route } from '../http/router.js';
import { buildCheckoutSession } from '../objects/checkout-session.js';
import { getOrThrow } from './common.js';

/**
 * Puts discounts on a subscription-mode session: checked as the subscription will check them, shown in
 * `discounts`, `amount_total` and `total_details`, and passed on to the subscription it creates.
 */
export function applySessionDiscounts(ctx: Ctx, session: Stripe.Checkout.Session, plan: CheckoutPlan, entries: Params[]): void {
  const customer = typeof session.customer === 'string' ? ctx.state.customers[session.customer] ?? null : null;
  const prices = plan.items.map((item) => ({ price: ctx.state.prices[item.price] as Stripe.Price, quantity: item.quantity }));
  const trial = (session.amount_subtotal ?? 0) === 0;
  const gross = prices.reduce((sum, { price, quantity }) => sum + (price.unit_amount ?? 0) * quantity, 0);
  const terms = readDiscounts(ctx, entries, {
    customer, subscription: null, currency: session.currency ?? 'usd', now: customer ? customerNow(ctx.state, customer.id) : realNow(),
    products: prices.map(({ price }) => price.product as string), amount: gross, checkoutSession: session.id,
  });
  const lines = prices.map(({ price, quantity }, i) => ({
    id: String(i), amount: trial ? 0 : (price.unit_amount ?? 0) * quantity, discountable: true, discount_amounts: [],
    pricing: { price_details: { price: price.id, product: price.product as string }, type: 'price_details', unit_amount_decimal: null },
  })) as unknown as Stripe.InvoiceLineItem[];
  discountLines(lines, terms);
  const discount = lines.reduce((sum, line) => sum + (line.discount_amounts ?? []).reduce((total, entry) => total + entry.amount, 0), 0);
  session.discounts = terms.map(({ discount: applied, coupon }) => (applied.promotion_code
    ? { coupon: null, promotion_code: applied.promotion_code as string }
    : { coupon: coupon.id, promotion_code: null }));
  session.amount_total = (session.amount_subtotal ?? 0) - discount;
  if (session.total_details) session.total_details.amount_discount = discount;
  plan.subscription = { ...plan.subscription, discounts: entries };
}

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
  const plan: CheckoutPlan = { items: items.map((item) => ({ price: item.price.id, quantity: item.quantity })), subscription: subscriptionData };
  const discounts = discountParams(params);
  const allowCodes = optBool(params, 'allow_promotion_codes');
  if (discounts?.length && allowCodes) {
    throw invalid('You may only specify one of these parameters: allow_promotion_codes, discounts.', 'discounts', 'parameters_exclusive');
  }
  if (mode === 'setup' && (discounts?.length || allowCodes)) throw invalid('Discounts cannot be used in setup mode.', discounts?.length ? 'discounts' : 'allow_promotion_codes');
  if (discounts?.length) applySessionDiscounts(ctx, session, plan, discounts);
  if (allowCodes !== undefined) session.allow_promotion_codes = allowCodes;
  ctx.state.checkout_sessions[session.id] = session;
  ctx.state.checkout_plans[session.id] = plan;
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
