import type Stripe from 'stripe';
import type { Ctx, Params } from '../types';
import { customerNow } from '../core/time';
import { attemptPayment, finalizeInvoice, markPaid, paymentMethodFor } from '../billing/collect';
import { voidOpenInvoice } from '../billing/invoice-status';
import { subscriptionIdOf } from '../billing/lifecycle';
import { createPreview } from '../billing/preview';
import { ApiError, cardDeclined, invalid } from '../http/errors';
import { createdFilter, newestFirst, paginate } from '../http/list';
import { optBool, optString } from '../http/params';
import { route, type Route } from '../http/router';
import { getOrThrow } from './common';
import { requireAttached } from './payment-methods';

function pay(ctx: Ctx, params: Params, [id]: string[]): Stripe.Invoice {
  const invoice = getOrThrow(ctx.state, 'invoices', id as string);
  const customerId = invoice.customer as string;
  const now = customerNow(ctx.state, customerId);
  if (invoice.status === 'paid') throw invalid('Invoice is already paid', 'id', 'invoice_already_paid');
  if (invoice.status !== 'draft' && invoice.status !== 'open') {
    throw invalid(`You can only pay an invoice that is open; this one is ${invoice.status}.`, 'id', 'invoice_not_open');
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
  if (outcome === 'failed') throw cardDeclined({ payment_method: { id: paymentMethod } });
  return invoice;
}

function voidInvoice(ctx: Ctx, _params: Params, [id]: string[]): Stripe.Invoice {
  const invoice = getOrThrow(ctx.state, 'invoices', id as string);
  if (invoice.status !== 'open') throw invalid('You can only void an open invoice.', 'id', 'invoice_not_editable');
  voidOpenInvoice(ctx, invoice, customerNow(ctx.state, invoice.customer as string));
  return invoice;
}

function list(ctx: Ctx, params: Params): unknown {
  const customer = optString(params, 'customer');
  const subscription = optString(params, 'subscription');
  const status = optString(params, 'status');
  const inRange = createdFilter(params);
  const invoices = newestFirst(ctx.state.invoices).filter((invoice) =>
    (!customer || invoice.customer === customer) &&
    (!subscription || subscriptionIdOf(invoice) === subscription) &&
    (!status || invoice.status === status) &&
    inRange(invoice.created));
  return paginate(invoices, params, '/v1/invoices');
}

export const invoiceRoutes: Route[] = [
  route('POST', '/v1/invoices/create_preview', createPreview),
  route('GET', '/v1/invoices', list),
  route('GET', '/v1/invoices/:id', (ctx, _params, [id]) => getOrThrow(ctx.state, 'invoices', id as string)),
  route('GET', '/v1/invoices/:id/lines', (ctx, params, [id]) => {
    const invoice = getOrThrow(ctx.state, 'invoices', id as string);
    return paginate(invoice.lines.data, params, invoice.lines.url);
  }),
  route('POST', '/v1/invoices/:id/pay', pay),
  route('POST', '/v1/invoices/:id/void', voidInvoice),
];
