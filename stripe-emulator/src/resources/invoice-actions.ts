import type Stripe from 'stripe';
import type { Ctx, Params } from '../types.js';
import { customerNow } from '../core/time.js';
import { attemptPayment, finalizeInvoice, markPaid, paymentMethodFor } from '../billing/collect.js';
import { finalizeDraft, markUncollectible, sendInvoice, voidOpenInvoice } from '../billing/invoice-status.js';
import { ApiError, cardDeclined, invalid } from '../http/errors.js';
import { optBool, optString } from '../http/params.js';
import { route, type Route } from '../http/router.js';
import { getOrThrow } from './common.js';
import { requireAttached } from './payment-methods.js';

// Stripe's transitions: draft → open (finalize), open → paid | void | uncollectible,
// uncollectible → paid | void; paid and void are final.

function load(ctx: Ctx, id: string | undefined): { invoice: Stripe.Invoice; now: number } {
  const invoice = getOrThrow(ctx.state, 'invoices', id as string);
  return { invoice, now: customerNow(ctx.state, invoice.customer as string) };
}

function finalize(ctx: Ctx, params: Params, [id]: string[]): Stripe.Invoice {
  const { invoice, now } = load(ctx, id);
  if (invoice.status !== 'draft') {
    throw invalid("This invoice is already finalized, you can't re-finalize a non-draft invoice.", undefined, 'invoice_not_editable');
  }
  const autoAdvance = optBool(params, 'auto_advance');
  if (autoAdvance !== undefined) invoice.auto_advance = autoAdvance;
  finalizeDraft(ctx, invoice, now);
  return invoice;
}

function pay(ctx: Ctx, params: Params, [id]: string[]): Stripe.Invoice {
  const { invoice, now } = load(ctx, id);
  const customerId = invoice.customer as string;
  if (invoice.status === 'paid') throw invalid('Invoice is already paid', 'id');
  if (invoice.status !== 'draft' && invoice.status !== 'open' && invoice.status !== 'uncollectible') {
    throw invalid(`You can only pay an invoice that is open or uncollectible; this one is ${invoice.status}.`, 'id', 'invoice_not_editable');
  }
  if (invoice.status === 'draft') finalizeInvoice(ctx, invoice, now);
  if (optBool(params, 'paid_out_of_band')) {
    markPaid(ctx, invoice, now, false);
    return invoice;
  }
  const requested = optString(params, 'payment_method');
  const paymentMethod = requested ? requireAttached(ctx, requested, customerId, 'payment_method') : paymentMethodFor(ctx, invoice);
  if (!paymentMethod && invoice.amount_due > 0) {
    throw new ApiError(400, 'invalid_request_error',
      'This customer has no attached payment source or default payment method.', 'resource_missing', 'payment_method');
  }
  const outcome = attemptPayment(ctx, invoice, now, { automatic: false, paymentMethod: paymentMethod ?? undefined });
  if (outcome === 'failed') throw cardDeclined({ payment_method: ctx.state.payment_methods[paymentMethod as string] });
  return invoice;
}

function send(ctx: Ctx, _params: Params, [id]: string[]): Stripe.Invoice {
  const { invoice, now } = load(ctx, id);
  if (invoice.collection_method !== 'send_invoice') {
    throw invalid("You can only manually send an invoice if its collection method is 'send_invoice'.", 'id');
  }
  if (invoice.status === 'void') throw invalid('You can no longer send a voided invoice.', 'id', 'invoice_not_editable');
  if (invoice.status === 'draft') {
    finalizeInvoice(ctx, invoice, now);
    if (invoice.amount_due <= 0) markPaid(ctx, invoice, now, false);
  }
  sendInvoice(ctx, invoice, now);
  return invoice;
}

function voidInvoice(ctx: Ctx, _params: Params, [id]: string[]): Stripe.Invoice {
  const { invoice, now } = load(ctx, id);
  if (invoice.status !== 'open' && invoice.status !== 'uncollectible') {
    throw invalid(`You can only void an invoice that is open or uncollectible; this one is ${invoice.status}.`, 'id', 'invoice_not_editable');
  }
  voidOpenInvoice(ctx, invoice, now);
  return invoice;
}

function markAsUncollectible(ctx: Ctx, _params: Params, [id]: string[]): Stripe.Invoice {
  const { invoice, now } = load(ctx, id);
  if (invoice.status !== 'open') {
    throw invalid(`You can only mark an open invoice as uncollectible; this one is ${invoice.status}.`, 'id', 'invoice_not_editable');
  }
  markUncollectible(ctx, invoice, now);
  return invoice;
}

export const invoiceActionRoutes: Route[] = [
  route('POST', '/v1/invoices/:id/finalize', finalize),
  route('POST', '/v1/invoices/:id/pay', pay),
  route('POST', '/v1/invoices/:id/send', send),
  route('POST', '/v1/invoices/:id/void', voidInvoice),
  route('POST', '/v1/invoices/:id/mark_uncollectible', markAsUncollectible),
];
