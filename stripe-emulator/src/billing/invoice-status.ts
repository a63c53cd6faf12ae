import type Stripe from 'stripe';
import type { Ctx } from '../types.js';
import { attemptPayment, finalizeInvoice, markPaid, setDelinquent } from './collect.js';
import { isResumptionInvoice, resumePaused, subscriptionOf } from './lifecycle.js';
import { discardPendingUpdate, isPendingUpdateInvoice } from './pending-update.js';

/** Voids an invoice; voiding the invoice of a pending update discards that update, as on Stripe. */
export function voidOpenInvoice(ctx: Ctx, invoice: Stripe.Invoice, now: number): void {
  invoice.status = 'void';
  invoice.next_payment_attempt = null;
  invoice.auto_advance = false;
  invoice.amount_remaining = 0;
  invoice.status_transitions.voided_at = now;
  ctx.emit('invoice.voided', invoice, now);
  const subscription = subscriptionOf(ctx, invoice);
  if (subscription && isPendingUpdateInvoice(subscription, invoice.id)) discardPendingUpdate(ctx, subscription, now, false);
}

/** Bad debt: Stripe stops collecting, and marking it through the API clears the customer's delinquency. */
export function markUncollectible(ctx: Ctx, invoice: Stripe.Invoice, now: number): void {
  invoice.status = 'uncollectible';
  invoice.next_payment_attempt = null;
  invoice.status_transitions.marked_uncollectible_at = now;
  ctx.emit('invoice.marked_uncollectible', invoice, now);
  setDelinquent(ctx, invoice.customer as string, false, now);
  const subscription = subscriptionOf(ctx, invoice);
  if (subscription && isResumptionInvoice(subscription, invoice.id)) resumePaused(ctx, subscription, now);
}

export function sendInvoice(ctx: Ctx, invoice: Stripe.Invoice, now: number): void {
  ctx.emit('invoice.sent', invoice, now);
}

/**
 * Finalizes a draft and advances it as Stripe does: nothing due means paid at once; with
 * `auto_advance`, a `send_invoice` invoice is sent and a `charge_automatically` one is charged.
 */
export function finalizeDraft(ctx: Ctx, invoice: Stripe.Invoice, now: number): void {
  invoice.automatically_finalizes_at = null;
  finalizeInvoice(ctx, invoice, now);
  if (invoice.amount_due <= 0) {
    markPaid(ctx, invoice, now, false);
    return;
  }
  if (!invoice.auto_advance) return;
  if (invoice.collection_method === 'send_invoice') sendInvoice(ctx, invoice, now);
  else attemptPayment(ctx, invoice, now, { automatic: true });
}
