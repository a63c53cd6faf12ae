import type Stripe from 'stripe';
import type { Ctx } from '../types';
import { attemptPayment, issueInvoice } from './collect';
import { buildInvoice } from './invoice-builder';
import { finalizeDraft, voidOpenInvoice } from './invoice-status';
import { issueWhileCollectionPaused, resumeCollection } from './pause-collection';
import { endSubscription } from './lifecycle';
import { pendingLines, periodLine } from './lines';
import { nextBoundary, recurringOf } from './periods';
import { currentPeriod } from './plan-update';
import { endTrial, notifyTrialWillEnd, trialNoticeDueAt } from './trials';

const RENEWING: Stripe.Subscription.Status[] = ['active', 'trialing', 'past_due'];
const MAX_STEPS = 5000;
const RESUMPTION_INVOICE_LIFETIME = 23 * 3600;

interface DueWork {
  at: number;
  run: () => void;
}

/** Period end: cancel if asked to, otherwise start the next period and invoice it. */
function renew(ctx: Ctx, subscription: Stripe.Subscription, at: number): void {
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
  const invoice = buildInvoice({
    customer, subscription, lines, billingReason: 'subscription_cycle', period, created: at, preview: false,
  });
  subscription.latest_invoice = invoice.id;
  ctx.emit('customer.subscription.updated', subscription, at, before);
  if (subscription.pause_collection) issueWhileCollectionPaused(ctx, invoice, subscription.pause_collection, at);
  else issueInvoice(ctx, invoice, at);
}

/** Stripe voids the invoice of an update nobody paid in time and drops the update. */
function expirePendingUpdate(ctx: Ctx, subscription: Stripe.Subscription, at: number): void {
  const before = structuredClone(subscription);
  subscription.pending_update = null;
  const invoice = typeof subscription.latest_invoice === 'string' ? ctx.state.invoices[subscription.latest_invoice] : undefined;
  if (invoice?.status === 'open') voidOpenInvoice(ctx, invoice, at);
  ctx.emit('customer.subscription.updated', subscription, at, before);
  ctx.emit('customer.subscription.pending_update_expired', subscription, at);
}

function earliestDue(ctx: Ctx, inScope: (customerId: string) => boolean, until: number): DueWork | null {
  let best: DueWork | null = null;
  // Retries go first on ties so a renewal sees the outcome of the retry that was due at the same time.
  for (const invoice of Object.values(ctx.state.invoices)) {
    if (!inScope(invoice.customer as string)) continue;
    const retryAt = invoice.status === 'open' ? invoice.next_payment_attempt : null;
    if (retryAt !== null && retryAt <= until && (!best || retryAt < best.at)) {
      best = { at: retryAt, run: () => attemptPayment(ctx, invoice, retryAt, { automatic: true }) };
    }
    const finalizeAt = invoice.status === 'draft' && invoice.auto_advance ? invoice.automatically_finalizes_at : null;
    if (finalizeAt !== null && finalizeAt <= until && (!best || finalizeAt < best.at)) {
      best = { at: finalizeAt, run: () => finalizeDraft(ctx, invoice, finalizeAt) };
    }
  }
  for (const subscription of Object.values(ctx.state.subscriptions)) {
    const at = subscription.pause_collection?.resumes_at ?? null;
    if (at === null || at > until || !inScope(subscription.customer as string)) continue;
    if (!best || at < best.at) best = { at, run: () => resumeCollection(ctx, subscription, at) };
  }
  for (const subscription of Object.values(ctx.state.subscriptions)) {
    const invoice = subscription.status === 'paused' && typeof subscription.latest_invoice === 'string' ? ctx.state.invoices[subscription.latest_invoice] : undefined;
    const finalizedAt = invoice?.status === 'open' ? invoice.status_transitions.finalized_at : null;
    if (!invoice || finalizedAt === null || finalizedAt === undefined || !inScope(subscription.customer as string)) continue;
    const at = finalizedAt + RESUMPTION_INVOICE_LIFETIME;
    // An unpaid resumption invoice is voided after 23 hours; the subscription stays paused.
    if (at <= until && (!best || at < best.at)) best = { at, run: () => voidOpenInvoice(ctx, invoice, at) };
  }
  // Expiry goes before a renewal at the same time: an update pending at period end never applies.
  for (const subscription of Object.values(ctx.state.subscriptions)) {
    const at = subscription.pending_update?.expires_at;
    if (at === undefined || at > until || !inScope(subscription.customer as string)) continue;
    if (!best || at < best.at) best = { at, run: () => expirePendingUpdate(ctx, subscription, at) };
  }
  for (const subscription of Object.values(ctx.state.subscriptions)) {
    const at = trialNoticeDueAt(ctx.state, subscription);
    if (at === null || at > until || !inScope(subscription.customer as string)) continue;
    if (!best || at < best.at) best = { at, run: () => notifyTrialWillEnd(ctx, subscription, at) };
  }
  for (const subscription of Object.values(ctx.state.subscriptions)) {
    if (!RENEWING.includes(subscription.status) || !inScope(subscription.customer as string)) continue;
    const at = currentPeriod(subscription).end;
    if (at <= until && (!best || at < best.at)) best = { at, run: () => renew(ctx, subscription, at) };
  }
  return best;
}

/**
 * Runs, in time order, every renewal and payment retry due up to `until` for the customers in
 * scope. `moveClock` lets a test clock's frozen time follow along so each object gets its own time.
 */
export function runDueWork(ctx: Ctx, inScope: (customerId: string) => boolean, until: number, moveClock?: (at: number) => void): void {
  for (let step = 0; step < MAX_STEPS; step++) {
    const work = earliestDue(ctx, inScope, until);
    if (!work) return;
    moveClock?.(work.at);
    work.run();
  }
}
