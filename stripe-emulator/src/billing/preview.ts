import type Stripe from 'stripe';
import type { Ctx, Params } from '../types.js';
import { newId } from '../core/ids.js';
import { customerNow } from '../core/time.js';
import { ApiError, invalid } from '../http/errors.js';
import { optArray, optBool, optEnum, optInt, optObject, optString, reqString } from '../http/params.js';
import { getOrThrow } from '../resources/common.js';
import { buildItem } from '../objects/subscription.js';
import { discountParams, discountProrations, readDiscounts, subscriptionTerms, type DiscountTerm } from './discounts.js';
import { buildInvoice } from './invoice-builder.js';
import { pendingLines, periodLine } from './lines.js';
import { nextBoundary, recurringOf } from './periods.js';
import { currentPeriod, immediateLines, planUpdate, PRORATION_BEHAVIORS, usablePrice } from './plan-update.js';

function upcomingNone(customerId: string): ApiError {
  return new ApiError(404, 'invalid_request_error', `No upcoming invoices for customer: ${customerId}`, 'invoice_upcoming_none');
}

/** Preview of a brand-new subscription: its first invoice. */
function previewNewSubscription(ctx: Ctx, customer: Stripe.Customer, itemParams: Params[], params: Params): Stripe.Invoice {
  const now = customerNow(ctx.state, customer.id);
  const prices = itemParams.map((item, i) => usablePrice(ctx, reqString(item, 'price'), `subscription_details[items][${i}][price]`));
  const first = prices[0] as Stripe.Price;
  const period = { start: now, end: nextBoundary(now, recurringOf(first), now) };
  const subscriptionId = newId('sub');
  const lines = prices.map((price, i) => {
    const quantity = optInt(itemParams[i] ?? {}, 'quantity') ?? 1;
    return periodLine(ctx.state, buildItem(subscriptionId, price, quantity, period, now), period);
  });
  const discounts = readDiscounts(ctx, discountParams(params) ?? [], {
    customer, subscription: null, currency: first.currency, now,
    products: lines.flatMap((line) => (line.product ? [line.product] : [])), amount: lines.reduce((sum, line) => sum + line.amount, 0),
  });
  return buildInvoice({
    customer, subscription: null, lines, billingReason: 'subscription_create', period: { start: now, end: now }, created: now, preview: true, discounts,
  });
}

/**
 * `POST /v1/invoices/create_preview`. Uses `planUpdate`/`immediateLines`, the very code behind
 * `subscriptions.update`, so a preview with the same `proration_date` matches the real invoice.
 */
export function createPreview(ctx: Ctx, params: Params): Stripe.Invoice {
  const details = optObject(params, 'subscription_details') ?? {};
  const itemParams = optArray(details, 'items');
  const behavior = optEnum(details, 'proration_behavior', PRORATION_BEHAVIORS) ?? 'create_prorations';
  const prorationDate = optInt(details, 'proration_date');
  const subscriptionId = optString(params, 'subscription');
  if (!subscriptionId) {
    const customer = getOrThrow(ctx.state, 'customers', reqString(params, 'customer'), 'customer');
    if (!itemParams?.length) throw upcomingNone(customer.id);
    return previewNewSubscription(ctx, customer, itemParams, params);
  }
  const subscription = getOrThrow(ctx.state, 'subscriptions', subscriptionId, 'subscription');
  const customer = getOrThrow(ctx.state, 'customers', subscription.customer as string);
  const customerParam = optString(params, 'customer');
  if (customerParam && customerParam !== customer.id) throw invalid('The subscription does not belong to that customer.', 'customer');
  if (subscription.status === 'canceled') throw upcomingNone(customer.id);
  const now = customerNow(ctx.state, customer.id);
  const plan = itemParams ? planUpdate(ctx, subscription, itemParams, prorationDate ?? now) : null;
  const entries = discountParams(params);
  const items = plan?.items ?? subscription.items.data;
  const requested: DiscountTerm[] | null = entries ? readDiscounts(ctx, entries, {
    customer, subscription: subscription.id, currency: subscription.currency, now,
    products: items.map((item) => item.price.product as string),
    amount: items.reduce((sum, item) => sum + (item.price.unit_amount ?? 0) * (item.quantity ?? 1), 0),
  }, subscription.discounts.map((ref) => (typeof ref === 'string' ? ref : ref.id))) : null;
  const termsAt = (at: number): DiscountTerm[] => requested ?? subscriptionTerms(ctx.state, subscription, at);
  if (plan) plan.prorations = discountProrations(plan.prorations, termsAt(plan.t), subscriptionTerms(ctx.state, subscription, plan.t));
  const immediate = plan ? immediateLines(ctx, subscription, plan, behavior) : null;
  if (plan && immediate) {
    const invoice = buildInvoice({
      customer, subscription, lines: immediate, billingReason: 'subscription_update', period: { start: plan.t, end: plan.t }, created: now, preview: true,
      discounts: termsAt(plan.t),
    });
    if (prorationDate !== undefined && invoice.parent?.subscription_details) {
      invoice.parent.subscription_details.subscription_proration_date = prorationDate;
    }
    return invoice;
  }
  if (optBool(details, 'cancel_at_period_end') ?? subscription.cancel_at_period_end) throw upcomingNone(customer.id);
  // Otherwise the preview is the next renewal: pending prorations plus the next period.
  const period = currentPeriod(subscription);
  const firstPrice = (items[0] as Stripe.SubscriptionItem).price;
  const next = { start: period.end, end: nextBoundary(subscription.billing_cycle_anchor, recurringOf(firstPrice), period.end) };
  const lines = [
    ...pendingLines(ctx.state, subscription),
    ...(plan && behavior === 'create_prorations' ? plan.prorations : []),
    ...items.map((item) => periodLine(ctx.state, item, next)),
  ];
  const invoice = buildInvoice({
    customer, subscription, lines, billingReason: 'upcoming', period, created: period.end, preview: true, discounts: termsAt(period.end),
  });
  invoice.next_payment_attempt = period.end;
  return invoice;
}
