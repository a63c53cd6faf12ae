import type Stripe from 'stripe';
import type { Ctx, Params } from '../types.js';
import { invalid } from '../http/errors.js';
import { mergeMetadata, optArray } from '../http/params.js';
import type { UpdatePlan } from './plan-update.js';
import { moveTrialEnd } from './trials.js';

/** How long a declined update waits to be paid before Stripe discards it. */
export const PENDING_UPDATE_LIFETIME = 23 * 3600;

// https://docs.stripe.com/billing/subscriptions/pending-updates#supported-attributes (metadata since 2026-05-27.dahlia)
const PENDING_UPDATE_PARAMS = new Set([
  'expand', 'payment_behavior', 'proration_behavior', 'proration_date', 'billing_cycle_anchor', 'items',
  'trial_end', 'trial_from_plan', 'add_invoice_items', 'metadata',
]);
const PENDING_ITEM_PARAMS = new Set(['id', 'price', 'quantity']);

function unsupported(param: string): Error {
  return invalid(
    `\`${param}\` cannot be used with \`payment_behavior=pending_if_incomplete\`. Pending updates only support: ${[...PENDING_UPDATE_PARAMS].join(', ')} (and \`price\`, \`quantity\` on items).`,
    param,
  );
}

/** Refuses what Stripe refuses alongside `payment_behavior=pending_if_incomplete`. */
export function checkPendingUpdateParams(subscription: Stripe.Subscription, params: Params): void {
  if (subscription.collection_method === 'send_invoice') {
    throw invalid('Pending updates are not supported on subscriptions with `collection_method=send_invoice`.', 'payment_behavior');
  }
  for (const key of Object.keys(params)) if (!PENDING_UPDATE_PARAMS.has(key)) throw unsupported(key);
  (optArray(params, 'items') ?? []).forEach((item, index) => {
    for (const key of Object.keys(item)) if (!PENDING_ITEM_PARAMS.has(key)) throw unsupported(`items[${index}][${key}]`);
  });
}

/** Stripe: 23 hours after the request, or the trial end or period end if either comes first. */
export function pendingUpdateExpiry(subscription: Stripe.Subscription, now: number): number {
  const candidates = [now + PENDING_UPDATE_LIFETIME, ...subscription.items.data.map((item) => item.current_period_end)];
  if (subscription.trial_end !== null && subscription.trial_end > now) candidates.push(subscription.trial_end);
  return Math.min(...candidates);
}

/** The items an update adds or changes: what `pending_update.subscription_items` lists. */
function changedItems(subscription: Stripe.Subscription, plan: UpdatePlan): Stripe.SubscriptionItem[] {
  return plan.items.filter((item) => {
    const old = subscription.items.data.find((candidate) => candidate.id === item.id);
    return !old || old.price.id !== item.price.id || old.quantity !== item.quantity || old.current_period_end !== item.current_period_end;
  });
}

export function buildPendingUpdate(
  subscription: Stripe.Subscription,
  plan: UpdatePlan,
  now: number,
  metadata: Stripe.MetadataParam | null,
  trial: { trialEnd: number | null; trialFromPlan: boolean | null } = { trialEnd: null, trialFromPlan: null },
): Stripe.Subscription.PendingUpdate {
  return {
    billing_cycle_anchor: plan.resetPeriod?.start ?? null,
    cancel_at_period_end: null,
    discount: null,
    discounts: null,
    expires_at: pendingUpdateExpiry(subscription, now),
    metadata: metadata as Stripe.Metadata | null,
    subscription_items: structuredClone(changedItems(subscription, plan)),
    trial_end: trial.trialEnd,
    trial_from_plan: trial.trialFromPlan,
  };
}

/** Whether this invoice is the one whose payment applies the subscription's pending update. */
export function isPendingUpdateInvoice(subscription: Stripe.Subscription | undefined, invoiceId: string): boolean {
  return !!subscription?.pending_update && subscription.latest_invoice === invoiceId;
}

/** The invoice was paid: the pending changes become the subscription's own. */
export function applyPendingUpdate(ctx: Ctx, subscription: Stripe.Subscription, now: number): void {
  const pending = subscription.pending_update;
  if (!pending) return;
  const before = structuredClone(subscription);
  for (const item of pending.subscription_items ?? []) {
    const index = subscription.items.data.findIndex((existing) => existing.id === item.id);
    if (index === -1) subscription.items.data.push(item);
    else subscription.items.data[index] = item;
  }
  if (pending.billing_cycle_anchor !== null) subscription.billing_cycle_anchor = pending.billing_cycle_anchor;
  if (pending.trial_end !== null && pending.trial_end > now) moveTrialEnd(subscription, pending.trial_end, now);
  if (pending.metadata) subscription.metadata = mergeMetadata(subscription.metadata, { metadata: pending.metadata });
  subscription.pending_update = null;
  ctx.emit('customer.subscription.updated', subscription, now, before);
  ctx.emit('customer.subscription.pending_update_applied', subscription, now);
}

/**
 * Drops the pending update. On expiry Stripe also voids its invoice and sends
 * `pending_update_expired`; a manual void of that invoice only discards it.
 */
export function discardPendingUpdate(ctx: Ctx, subscription: Stripe.Subscription, now: number, expired: boolean): void {
  if (!subscription.pending_update) return;
  const before = structuredClone(subscription);
  subscription.pending_update = null;
  ctx.emit('customer.subscription.updated', subscription, now, before);
  if (expired) ctx.emit('customer.subscription.pending_update_expired', subscription, now);
}
