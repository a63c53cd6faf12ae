import type Stripe from 'stripe';
import type { Ctx } from '../types.js';
import { DAY } from '../core/time.js';
import { applyPendingUpdate, isPendingUpdateInvoice } from './pending-update.js';

/**
 * Stripe's default for new accounts is Smart Retries, "up to 8 times within 2 weeks", then
 * cancel the subscription and leave the invoice past due. Smart Retries pick their own times;
 * these fixed days after finalization stand in for them.
 */
export const RETRY_DAYS = [1, 3, 5, 7, 9, 11, 13, 14];

export function subscriptionIdOf(invoice: Stripe.Invoice): string | null {
  const details = invoice.parent?.subscription_details;
  return (typeof details?.subscription === 'string' ? details.subscription : details?.subscription.id) ?? null;
}

export function subscriptionOf(ctx: Ctx, invoice: Stripe.Invoice): Stripe.Subscription | undefined {
  const id = subscriptionIdOf(invoice);
  return id ? ctx.state.subscriptions[id] : undefined;
}

export function setStatus(ctx: Ctx, subscription: Stripe.Subscription, status: Stripe.Subscription.Status, now: number): void {
  if (subscription.status === status) return;
  const before = structuredClone(subscription);
  subscription.status = status;
  ctx.emit('customer.subscription.updated', subscription, now, before);
}

/** Ends a subscription now; its open invoices stop being retried. */
export function endSubscription(
  ctx: Ctx,
  subscription: Stripe.Subscription,
  now: number,
  reason: Stripe.Subscription.CancellationDetails.Reason,
): void {
  subscription.status = 'canceled';
  subscription.canceled_at ??= now;
  subscription.ended_at = now;
  subscription.cancel_at ??= null;
  subscription.cancellation_details = {
    comment: subscription.cancellation_details?.comment ?? null,
    feedback: subscription.cancellation_details?.feedback ?? null,
    feedback_option: null,
    reason,
  };
  for (const invoice of Object.values(ctx.state.invoices)) {
    if (invoice.status === 'open' && subscriptionOf(ctx, invoice)?.id === subscription.id) invoice.next_payment_attempt = null;
  }
  const scheduleId = typeof subscription.schedule === 'string' ? subscription.schedule : null;
  const schedule = scheduleId ? ctx.state.subscription_schedules[scheduleId] : undefined;
  if (schedule?.status === 'active') {
    // Ending the subscription ends its schedule too.
    schedule.status = 'canceled';
    schedule.canceled_at = now;
    schedule.current_phase = null;
    ctx.emit('subscription_schedule.canceled', schedule, now);
  }
  ctx.emit('customer.subscription.deleted', subscription, now);
}

/** A `paused` subscription (trial ended without a payment method, or paused) starts again. */
export function resumePaused(ctx: Ctx, subscription: Stripe.Subscription, now: number, status: Stripe.Subscription.Status = 'active'): void {
  if (subscription.status !== 'paused') return;
  const before = structuredClone(subscription);
  subscription.status = status;
  ctx.emit('customer.subscription.updated', subscription, now, before);
  ctx.emit('customer.subscription.resumed', subscription, now);
}

/** Whether the invoice is the open resumption invoice a paused subscription waits on. */
export function isResumptionInvoice(subscription: Stripe.Subscription | undefined, invoiceId: string): boolean {
  return subscription?.status === 'paused' && subscription.latest_invoice === invoiceId;
}

/**
 * A paid invoice applies the pending update it was issued for, resumes a paused subscription
 * waiting on it, and brings an incomplete or past-due subscription back to active once nothing is owed.
 */
export function afterInvoicePaid(ctx: Ctx, invoice: Stripe.Invoice, now: number): void {
  const subscription = subscriptionOf(ctx, invoice);
  if (subscription && isPendingUpdateInvoice(subscription, invoice.id)) applyPendingUpdate(ctx, subscription, now);
  if (subscription && isResumptionInvoice(subscription, invoice.id)) resumePaused(ctx, subscription, now);
  if (!subscription || !['incomplete', 'past_due', 'unpaid'].includes(subscription.status)) return;
  const stillOpen = Object.values(ctx.state.invoices).some(
    (other) => other.status === 'open' && other.attempted && subscriptionOf(ctx, other)?.id === subscription.id,
  );
  if (!stillOpen) setStatus(ctx, subscription, 'active', now);
}

/** The next automatic retry after finalization; a first invoice is never retried (it expires instead). */
export function nextRetryAt(invoice: Stripe.Invoice, now: number): number | null {
  if (invoice.billing_reason === 'subscription_create') return null;
  const finalizedAt = invoice.status_transitions.finalized_at ?? now;
  return RETRY_DAYS.map((days) => finalizedAt + days * DAY).find((at) => at > now) ?? null;
}

/** A failed renewal makes the subscription past due; once retries run out it is canceled, the invoice left open. */
export function afterPaymentFailure(ctx: Ctx, invoice: Stripe.Invoice, now: number, automatic: boolean): void {
  const subscription = subscriptionOf(ctx, invoice);
  if (!subscription || invoice.billing_reason === 'subscription_create') return;
  // A declined pending update leaves the subscription as it was.
  if (isPendingUpdateInvoice(subscription, invoice.id)) return;
  if (subscription.status === 'active' || subscription.status === 'trialing') setStatus(ctx, subscription, 'past_due', now);
  if (automatic && invoice.next_payment_attempt === null && subscription.status !== 'canceled') {
    endSubscription(ctx, subscription, now, 'payment_failed');
  }
}
