import type { Params } from '../types.js';
import { createdFilter, newestFirst, paginate } from '../http/list.js';
import { optObject, optString } from '../http/params.js';
import { route, type Route } from '../http/router.js';
import { getOrThrow } from './common.js';

/** How invoices were paid; made by charging an invoice, read by invoice, by PaymentIntent or by status. */
export const invoicePaymentRoutes: Route[] = [
  route('GET', '/v1/invoice_payments', (ctx, params: Params) => {
    const invoice = optString(params, 'invoice');
    const paymentIntent = optString(optObject(params, 'payment') ?? {}, 'payment_intent');
    const status = optString(params, 'status');
    const created = createdFilter(params);
    const payments = newestFirst(ctx.state.invoice_payments).filter((payment) =>
      (!invoice || payment.invoice === invoice) && (!paymentIntent || payment.payment.payment_intent === paymentIntent)
      && (!status || payment.status === status) && created(payment.created));
    return paginate(payments, params, '/v1/invoice_payments');
  }),
  route('GET', '/v1/invoice_payments/:id', (ctx, _params, [id]) => getOrThrow(ctx.state, 'invoice_payments', id as string)),
];
