import type Stripe from 'stripe';
import type { Ctx, LineSpec, Params } from '../types.js';
import { customerNow } from '../core/time.js';
import { issueInvoice, predictCharge, type ChargeOutcome } from '../billing/collect.js';
import { buildInvoice } from '../billing/invoice-builder.js';
import { storeInvoiceItems } from '../billing/lines.js';
import { voidOpenInvoice } from '../billing/invoice-status.js';
import { discountParams, discountProrations, endDiscount, readDiscounts, redeem, spendOnceDiscounts, subscriptionTerms, type DiscountTerm } from '../billing/discounts.js';
import { buildPendingUpdate, checkPendingUpdateParams, discardPendingUpdate } from '../billing/pending-update.js';
import { currentPeriod, immediateLines, planUpdate, PRORATION_BEHAVIORS, type UpdatePlan } from '../billing/plan-update.js';
import { readPauseCollection } from '../billing/pause-collection.js';
import { endTrial, moveTrialEnd, notifyTrialWillEnd, requestedTrialEnd } from '../billing/trials.js';
import { cardDeclined, invalid } from '../http/errors.js';
import { mergeMetadata, optArray, optBool, optEnum, optInt, optNullableString, optObject, optString } from '../http/params.js';
import { getOrThrow } from './common.js';
import { requireAttached } from './payment-methods.js';

const CANCELED_EDITABLE = new Set(['metadata', 'cancellation_details', 'expand']);
const PAYMENT_BEHAVIORS = ['allow_incomplete', 'default_incomplete', 'error_if_incomplete', 'pending_if_incomplete'] as const;

/** Stores the new proration lines as invoice items, keeping lines that already are one. */
function withInvoiceItems(ctx: Ctx, customerId: string, lines: LineSpec[], now: number): LineSpec[] {
  return lines.map((line) => (line.proration && !line.invoice_item ? (storeInvoiceItems(ctx, customerId, [line], now)[0] as LineSpec) : line));
}

/** The `subscription_update` invoice of a change, stamped with its `proration_date`. */
function updateInvoice(ctx: Ctx, customer: Stripe.Customer, subscription: Stripe.Subscription, plan: UpdatePlan, lines: LineSpec[], now: number, prorationDate?: number): Stripe.Invoice {
  const invoice = buildInvoice({
    customer, subscription, lines: withInvoiceItems(ctx, customer.id, lines, now),
    billingReason: 'subscription_update', period: { start: plan.t, end: plan.t }, created: now, preview: false,
    discounts: subscriptionTerms(ctx.state, subscription, now),
  });
  if (prorationDate !== undefined && invoice.parent?.subscription_details) {
    invoice.parent.subscription_details.subscription_proration_date = prorationDate;
  }
  return invoice;
}

/**
 * `pending_if_incomplete` with a charge that fails: the subscription keeps its items, the
 * changes wait in `pending_update` until the new invoice is paid or the update expires.
 */
function updateAsPending(ctx: Ctx, subscription: Stripe.Subscription, customer: Stripe.Customer, plan: UpdatePlan, lines: LineSpec[], params: Params, now: number): Stripe.Subscription {
  const before = structuredClone(subscription);
  const invoice = updateInvoice(ctx, customer, subscription, plan, lines, now, optInt(params, 'proration_date'));
  const metadata = optObject(params, 'metadata') ?? null;
  const trialEnd = params.trial_end !== undefined || params.trial_from_plan !== undefined
    ? requestedTrialEnd(params, now, (plan.items[0] as Stripe.SubscriptionItem).price)
    : null;
  subscription.pending_update = buildPendingUpdate(subscription, plan, now, metadata as Stripe.MetadataParam | null, {
    trialEnd: trialEnd === 'now' ? now : trialEnd, trialFromPlan: optBool(params, 'trial_from_plan') ?? null,
  });
  subscription.latest_invoice = invoice.id;
  issueInvoice(ctx, invoice, now);
  ctx.emit('customer.subscription.updated', subscription, now, before);
  return subscription;
}

/** A new change to the items replaces a pending one: its invoice is voided first. */
function replacePendingUpdate(ctx: Ctx, subscription: Stripe.Subscription, now: number): void {
  const invoice = typeof subscription.latest_invoice === 'string' ? ctx.state.invoices[subscription.latest_invoice] : undefined;
  if (invoice?.status === 'open') voidOpenInvoice(ctx, invoice, now);
  else discardPendingUpdate(ctx, subscription, now, false);
}

function applyCancellation(subscription: Stripe.Subscription, params: Params, now: number): void {
  const atPeriodEnd = optBool(params, 'cancel_at_period_end');
  if (atPeriodEnd !== undefined) {
    subscription.cancel_at_period_end = atPeriodEnd;
    subscription.cancel_at = atPeriodEnd ? currentPeriod(subscription).end : null;
    subscription.canceled_at = atPeriodEnd ? now : null;
  }
  const details = optObject(params, 'cancellation_details');
  subscription.cancellation_details = {
    comment: (details && optNullableString(details, 'comment')) ?? subscription.cancellation_details?.comment ?? null,
    feedback: ((details && optString(details, 'feedback')) ?? subscription.cancellation_details?.feedback ?? null) as Stripe.Subscription.CancellationDetails.Feedback | null,
    feedback_option: null,
    reason: subscription.cancel_at_period_end ? 'cancellation_requested' : null,
  };
}

/** `discounts` on an update: the subscription's new list (`[{ discount }]` keeps one it has). */
function readUpdateDiscounts(ctx: Ctx, subscription: Stripe.Subscription, customer: Stripe.Customer, params: Params, items: Stripe.SubscriptionItem[], now: number): DiscountTerm[] | null {
  const entries = discountParams(params);
  if (!entries) return null;
  const current = subscription.discounts.map((ref) => (typeof ref === 'string' ? ref : ref.id));
  return readDiscounts(ctx, entries, {
    customer, subscription: subscription.id, currency: subscription.currency, now,
    products: items.map((item) => item.price.product as string),
    amount: items.reduce((sum, item) => sum + (item.price.unit_amount ?? 0) * (item.quantity ?? 1), 0),
  }, current);
}

function replaceDiscounts(ctx: Ctx, subscription: Stripe.Subscription, terms: DiscountTerm[], now: number): void {
  const kept = new Set(terms.map((term) => term.discount.id));
  for (const ref of subscription.discounts) {
    const id = typeof ref === 'string' ? ref : ref.id;
    if (!kept.has(id)) endDiscount(ctx, id, now);
  }
  redeem(ctx, terms, now);
  subscription.discounts = [...kept];
}

export function updateSubscription(ctx: Ctx, params: Params, [id]: string[]): Stripe.Subscription {
  const subscription = getOrThrow(ctx.state, 'subscriptions', id as string);
  const customer = getOrThrow(ctx.state, 'customers', subscription.customer as string);
  if (subscription.status === 'canceled' && Object.keys(params).some((key) => !CANCELED_EDITABLE.has(key))) {
    throw invalid('A canceled subscription can only update its cancellation_details and metadata.', 'id');
  }
  const now = customerNow(ctx.state, customer.id);
  const behavior = optEnum(params, 'proration_behavior', PRORATION_BEHAVIORS) ?? 'create_prorations';
  const paymentBehavior = optEnum(params, 'payment_behavior', PAYMENT_BEHAVIORS) ?? 'allow_incomplete';
  if (paymentBehavior === 'pending_if_incomplete') checkPendingUpdateParams(subscription, params);
  const itemParams = optArray(params, 'items');
  const prorationDate = optInt(params, 'proration_date');
  const plan = itemParams ? planUpdate(ctx, subscription, itemParams, prorationDate ?? now) : null;
  const newDiscounts = readUpdateDiscounts(ctx, subscription, customer, params, plan?.items ?? subscription.items.data, now);
  const inForce = subscriptionTerms(ctx.state, subscription, now);
  if (plan) plan.prorations = discountProrations(plan.prorations, newDiscounts ?? inForce, inForce);
  const pmParam = optNullableString(params, 'default_payment_method');
  if (pmParam) requireAttached(ctx, pmParam, customer.id, 'default_payment_method');
  if (plan && subscription.pending_update) replacePendingUpdate(ctx, subscription, now);
  const immediate = plan ? immediateLines(ctx, subscription, plan, behavior) : null;
  let predicted: ChargeOutcome | null = null;
  if (immediate && (paymentBehavior === 'error_if_incomplete' || paymentBehavior === 'pending_if_incomplete')) {
    const total = immediate.reduce((sum, line) => sum + line.amount, 0);
    const paymentMethod = pmParam ?? (subscription.default_payment_method as string | null)
      ?? (customer.invoice_settings.default_payment_method as string | null);
    predicted = predictCharge(ctx, Math.max(0, total + customer.balance), paymentMethod);
  }
  if (predicted === 'failed' && paymentBehavior === 'error_if_incomplete') throw cardDeclined();
  if (plan && immediate && predicted === 'failed' && !newDiscounts) return updateAsPending(ctx, subscription, customer, plan, immediate, params, now);

  const pause = readPauseCollection(params, now);
  const firstPrice = (plan?.items[0] ?? subscription.items.data[0] as Stripe.SubscriptionItem).price;
  const trialEnd = params.trial_end !== undefined || params.trial_from_plan !== undefined ? requestedTrialEnd(params, now, firstPrice) : null;

  const before = structuredClone(subscription);
  if (plan) {
    subscription.items.data = plan.items;
    if (plan.resetPeriod) subscription.billing_cycle_anchor = plan.resetPeriod.start;
  }
  if (pmParam !== undefined) subscription.default_payment_method = pmParam;
  const description = optNullableString(params, 'description');
  if (description !== undefined) subscription.description = description;
  subscription.metadata = mergeMetadata(subscription.metadata, params);
  applyCancellation(subscription, params, now);
  if (typeof trialEnd === 'number') moveTrialEnd(subscription, trialEnd, now);
  if (pause !== undefined) subscription.pause_collection = pause;
  if (newDiscounts) replaceDiscounts(ctx, subscription, newDiscounts, now);

  let invoice: Stripe.Invoice | null = null;
  if (plan && immediate) {
    invoice = updateInvoice(ctx, customer, subscription, plan, immediate, now, prorationDate);
    subscription.latest_invoice = invoice.id;
  } else if (plan && behavior === 'create_prorations' && plan.prorations.length > 0) {
    storeInvoiceItems(ctx, customer.id, plan.prorations, now);
  }
  ctx.emit('customer.subscription.updated', subscription, now, before);
  if (invoice) {
    issueInvoice(ctx, invoice, now);
    spendOnceDiscounts(ctx, subscription, invoice, now);
  }
  if (trialEnd === 'now' && subscription.status === 'trialing') {
    // Ending a trial early sends trial_will_end at once, then converts the subscription.
    notifyTrialWillEnd(ctx, subscription, now, true);
    endTrial(ctx, subscription, now, 'subscription_update');
  } else {
    notifyTrialWillEnd(ctx, subscription, now);
  }
  return subscription;
}
