import type Stripe from 'stripe';
import type { Ctx } from '../types.js';
import { attemptPayment } from './collect.js';
import { finalizeDraft, voidOpenInvoice } from './invoice-status.js';
import { resumeCollection } from './pause-collection.js';
import { PENDING_UPDATE_LIFETIME } from './pending-update.js';
import { currentPeriod } from './plan-update.js';
import { expireIncomplete, expirePendingUpdate, renew } from './renewal.js';
import { notifyTrialWillEnd, trialNoticeDueAt } from './trials.js';

export const RENEWING: Stripe.Subscription.Status[] = ['active', 'trialing', 'past_due'];
/** Stripe gives an unpaid first invoice, and a resumption invoice, 23 hours. */
const UNPAID_INVOICE_LIFETIME = PENDING_UPDATE_LIFETIME;
const MAX_STEPS = 5000;

interface DueWork {
  at: number;
  run: () => void;
}

function latestInvoice(ctx: Ctx, subscription: Stripe.Subscription): Stripe.Invoice | undefined {
  return typeof subscription.latest_invoice === 'string' ? ctx.state.invoices[subscription.latest_invoice] : undefined;
}

function invoiceWork(ctx: Ctx, invoice: Stripe.Invoice): (DueWork | null)[] {
  const retryAt = invoice.status === 'open' ? invoice.next_payment_attempt : null;
  const finalizeAt = invoice.status === 'draft' && invoice.auto_advance ? invoice.automatically_finalizes_at : null;
  return [
    retryAt === null ? null : { at: retryAt, run: () => attemptPayment(ctx, invoice, retryAt, { automatic: true }) },
    finalizeAt === null ? null : { at: finalizeAt, run: () => finalizeDraft(ctx, invoice, finalizeAt) },
  ];
}

/** In order of precedence at the same instant: an update pending at period end expires before the renewal. */
function subscriptionWork(ctx: Ctx, subscription: Stripe.Subscription): (DueWork | null)[] {
  const latest = latestInvoice(ctx, subscription);
  const openSince = latest?.status === 'open' ? latest.status_transitions.finalized_at : null;
  const resumesAt = subscription.pause_collection?.resumes_at ?? null;
  const pendingExpiresAt = subscription.pending_update?.expires_at ?? null;
  const noticeAt = trialNoticeDueAt(ctx.state, subscription);
  return [
    resumesAt === null ? null : { at: resumesAt, run: () => resumeCollection(ctx, subscription, resumesAt) },
    subscription.status === 'paused' && latest && openSince
      ? { at: openSince + UNPAID_INVOICE_LIFETIME, run: () => voidOpenInvoice(ctx, latest, openSince + UNPAID_INVOICE_LIFETIME) }
      : null,
    subscription.status === 'incomplete'
      ? { at: subscription.created + UNPAID_INVOICE_LIFETIME, run: () => expireIncomplete(ctx, subscription, subscription.created + UNPAID_INVOICE_LIFETIME) }
      : null,
    pendingExpiresAt === null ? null : { at: pendingExpiresAt, run: () => expirePendingUpdate(ctx, subscription, pendingExpiresAt) },
    noticeAt === null ? null : { at: noticeAt, run: () => notifyTrialWillEnd(ctx, subscription, noticeAt) },
    RENEWING.includes(subscription.status)
      ? { at: currentPeriod(subscription).end, run: () => renew(ctx, subscription, currentPeriod(subscription).end) }
      : null,
  ];
}

/** Retries go first on ties, so a renewal sees the outcome of a retry due at the same time. */
function earliestDue(ctx: Ctx, inScope: (customerId: string) => boolean, until: number): DueWork | null {
  let best: DueWork | null = null;
  const consider = (work: DueWork | null): void => {
    if (work && work.at <= until && (!best || work.at < best.at)) best = work;
  };
  for (const invoice of Object.values(ctx.state.invoices)) {
    if (inScope(invoice.customer as string)) invoiceWork(ctx, invoice).forEach(consider);
  }
  for (const subscription of Object.values(ctx.state.subscriptions)) {
    if (inScope(subscription.customer as string)) subscriptionWork(ctx, subscription).forEach(consider);
  }
  return best;
}

/**
 * Runs, in time order, everything due up to `until` for the customers in scope: retries,
 * draft finalization, renewals, trial ends and notices, expiries, resumptions. `moveClock`
 * lets a test clock's frozen time follow along so each object gets its own time.
 */
export function runDueWork(ctx: Ctx, inScope: (customerId: string) => boolean, until: number, moveClock?: (at: number) => void): void {
  for (let step = 0; step < MAX_STEPS; step++) {
    const work = earliestDue(ctx, inScope, until);
    if (!work) return;
    moveClock?.(work.at);
    work.run();
  }
}
