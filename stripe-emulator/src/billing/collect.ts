import type Stripe from 'stripe';
import type { Ctx } from '../types.js';
import { changeBalance } from './customer-balance.js';
import { chargeInvoice } from './invoice-payment.js';
import { applyTotals } from './invoice-builder.js';
import { afterInvoicePaid, afterPaymentFailure, nextRetryAt, subscriptionOf } from './lifecycle.js';

export type ChargeOutcome = 'paid' | 'failed';

function idOf(value: string | { id: string } | null | undefined): string | null {
  return typeof value === 'string' ? value : (value?.id ?? null);
}

/** Invoice, then subscription, then customer default, as Stripe picks the payment method. */
export function paymentMethodFor(ctx: Ctx, invoice: Stripe.Invoice): string | null {
  const customer = ctx.state.customers[invoice.customer as string];
  return (
    idOf(invoice.default_payment_method) ??
    idOf(subscriptionOf(ctx, invoice)?.default_payment_method) ??
    idOf(customer?.invoice_settings.default_payment_method)
  );
}

/** What charging would do, without doing it (lets callers refuse with `error_if_incomplete`). */
export function predictCharge(ctx: Ctx, amountDue: number, paymentMethod: string | null): ChargeOutcome {
  if (amountDue <= 0) return 'paid';
  if (!paymentMethod || !ctx.state.payment_methods[paymentMethod]) return 'failed';
  const outcome = ctx.state.card_outcomes[paymentMethod];
  // Off-session charges cannot authenticate, so cards that require it fail as Stripe's do.
  return outcome === 'decline' || outcome === 'attach_fails' || outcome === 'authenticate' ? 'failed' : 'paid';
}

export function setDelinquent(ctx: Ctx, customerId: string, delinquent: boolean, now: number): void {
  const customer = ctx.state.customers[customerId];
  if (!customer || customer.delinquent === delinquent) return;
  const before = structuredClone(customer);
  customer.delinquent = delinquent;
  ctx.emit('customer.updated', customer, now, before);
}

/** Applies the customer's balance, numbers the invoice and opens it. */
export function finalizeInvoice(ctx: Ctx, invoice: Stripe.Invoice, now: number): void {
  const customer = ctx.state.customers[invoice.customer as string];
  if (!customer) return;
  applyTotals(invoice, customer.balance);
  invoice.number = `${customer.invoice_prefix}-${String(customer.next_invoice_sequence ?? 1).padStart(4, '0')}`;
  customer.next_invoice_sequence = (customer.next_invoice_sequence ?? 1) + 1;
  const applied = (invoice.ending_balance ?? 0) - invoice.starting_balance;
  if (applied !== 0) changeBalance(ctx, customer, { amount: applied, type: 'applied_to_invoice', currency: invoice.currency, invoice: invoice.id }, now);
  // Like the other customer details, the tax IDs an invoice shows are those at finalization.
  invoice.customer_tax_ids = Object.values(ctx.state.tax_ids)
    .filter((taxId) => taxId.customer === customer.id)
    .map((taxId) => ({ type: taxId.type as Stripe.Invoice.CustomerTaxId.Type, value: taxId.value }));
  invoice.status = 'open';
  invoice.status_transitions.finalized_at = now;
  invoice.effective_at = now;
  invoice.hosted_invoice_url = `${ctx.baseUrl}/_emulator/invoices/${invoice.id}`;
  invoice.invoice_pdf = `${ctx.baseUrl}/_emulator/invoices/${invoice.id}/pdf`;
  ctx.emit('invoice.finalized', invoice, now);
}

export function markPaid(ctx: Ctx, invoice: Stripe.Invoice, now: number, charged: boolean): void {
  invoice.status = 'paid';
  invoice.amount_paid = invoice.amount_due;
  invoice.amount_remaining = 0;
  invoice.attempted = true;
  if (charged) invoice.attempt_count += 1;
  invoice.next_payment_attempt = null;
  invoice.auto_advance = false;
  invoice.status_transitions.paid_at = now;
  ctx.emit('invoice.paid', invoice, now);
  ctx.emit('invoice.payment_succeeded', invoice, now);
  const customerId = invoice.customer as string;
  const owing = Object.values(ctx.state.invoices).some((i) => i.customer === customerId && i.status === 'open' && i.attempted);
  if (!owing) setDelinquent(ctx, customerId, false, now);
  afterInvoicePaid(ctx, invoice, now);
}

/**
 * Charges an open invoice. `automatic` attempts (creation, renewal, retries) follow the retry
 * schedule; a manual `pay` leaves the schedule alone.
 */
export function attemptPayment(
  ctx: Ctx,
  invoice: Stripe.Invoice,
  now: number,
  options: { automatic: boolean; paymentMethod?: string },
): ChargeOutcome {
  if (invoice.amount_due <= 0) {
    markPaid(ctx, invoice, now, false);
    return 'paid';
  }
  const paymentMethod = options.paymentMethod ?? paymentMethodFor(ctx, invoice);
  if (predictCharge(ctx, invoice.amount_due, paymentMethod) === 'paid') {
    chargeInvoice(ctx, invoice, paymentMethod!, now);
    markPaid(ctx, invoice, now, true);
    return 'paid';
  }
  invoice.attempt_count += 1;
  invoice.attempted = true;
  if (options.automatic) invoice.next_payment_attempt = nextRetryAt(invoice, now);
  ctx.emit('invoice.payment_failed', invoice, now);
  setDelinquent(ctx, invoice.customer as string, true, now);
  afterPaymentFailure(ctx, invoice, now, options.automatic);
  return 'failed';
}

/** Stores a new draft (its invoice items now belong to it) and emits `invoice.created`. */
export function storeDraft(ctx: Ctx, invoice: Stripe.Invoice, now: number): void {
  ctx.state.invoices[invoice.id] = invoice;
  for (const line of invoice.lines.data) {
    const itemId = line.parent?.subscription_item_details?.invoice_item ?? line.parent?.invoice_item_details?.invoice_item;
    const item = itemId ? ctx.state.invoice_items[itemId] : undefined;
    if (item) item.invoice = invoice.id;
  }
  ctx.emit('invoice.created', invoice, now);
}

/** Stores a draft, finalizes it and (unless told not to) charges it, emitting Stripe's events. */
export function issueInvoice(ctx: Ctx, invoice: Stripe.Invoice, now: number, charge = true): ChargeOutcome | 'open' {
  storeDraft(ctx, invoice, now);
  finalizeInvoice(ctx, invoice, now);
  if (!charge && invoice.amount_due > 0) return 'open';
  return attemptPayment(ctx, invoice, now, { automatic: true });
}
