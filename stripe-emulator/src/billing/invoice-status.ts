import type Stripe from 'stripe';
import type { Ctx } from '../types';
import { subscriptionOf } from './lifecycle';
import { discardPendingUpdate, isPendingUpdateInvoice } from './pending-update';

/** Voids an open invoice; voiding the invoice of a pending update discards that update, as on Stripe. */
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
