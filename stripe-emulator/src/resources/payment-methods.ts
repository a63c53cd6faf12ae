import type Stripe from 'stripe';
import type { Ctx, Params } from '../types.js';
import { realNow } from '../core/time.js';
import { customerNow } from '../core/time.js';
import { buildCard, TEST_CARDS, TEST_TOKENS } from '../objects/test-cards.js';
import { ApiError, cardDeclined, invalid } from '../http/errors.js';
import { newestFirst, paginate } from '../http/list.js';
import { mergeMetadata, optString, reqString } from '../http/params.js';
import { route, type Route } from '../http/router.js';
import { getOrThrow, snapshot } from './common.js';

/** Attaches a test token (creating a fresh `pm_…`, as Stripe does) or an unattached `pm_…`. */
export function attachPaymentMethod(ctx: Ctx, idOrToken: string, customerId: string, param = 'id'): Stripe.PaymentMethod {
  const customer = getOrThrow(ctx.state, 'customers', customerId, 'customer');
  const now = customerNow(ctx.state, customer.id);
  const testCard = TEST_CARDS[idOrToken];
  let paymentMethod: Stripe.PaymentMethod;
  if (testCard) {
    if (testCard.outcome === 'attach_fails') throw cardDeclined({ param });
    paymentMethod = buildCard(testCard, now);
    ctx.state.payment_methods[paymentMethod.id] = paymentMethod;
    ctx.state.card_outcomes[paymentMethod.id] = testCard.outcome;
  } else {
    paymentMethod = getOrThrow(ctx.state, 'payment_methods', idOrToken, param);
    if (paymentMethod.customer === customer.id) return paymentMethod;
    if (ctx.state.card_outcomes[paymentMethod.id] === 'attach_fails') throw cardDeclined({ param });
    if (paymentMethod.customer) {
      throw invalid('The payment method you provided has already been attached to a customer.', param);
    }
  }
  paymentMethod.customer = customer.id;
  ctx.emit('payment_method.attached', paymentMethod, now);
  return paymentMethod;
}

/** A payment method usable for this customer's invoices: it must be attached to them. */
export function requireAttached(ctx: Ctx, paymentMethodId: string, customerId: string, param: string): string {
  const paymentMethod = ctx.state.payment_methods[paymentMethodId];
  if (!paymentMethod || paymentMethod.customer !== customerId) {
    throw new ApiError(400, 'invalid_request_error',
      `The customer does not have a payment method with the ID ${paymentMethodId}. The payment method must be attached to the customer.`,
      'resource_missing', param);
  }
  return paymentMethod.id;
}

function detach(ctx: Ctx, _params: Params, [id]: string[]): Stripe.PaymentMethod {
  const paymentMethod = getOrThrow(ctx.state, 'payment_methods', id as string);
  const customerId = paymentMethod.customer as string | null;
  if (!customerId) throw invalid('The payment method you provided is not attached to a customer so detachment is impossible.', 'payment_method');
  const now = customerNow(ctx.state, customerId);
  const before = snapshot(paymentMethod);
  paymentMethod.customer = null;
  ctx.emit('payment_method.detached', paymentMethod, now, before);
  const customer = ctx.state.customers[customerId];
  if (customer?.invoice_settings.default_payment_method === paymentMethod.id) {
    const customerBefore = snapshot(customer);
    customer.invoice_settings.default_payment_method = null;
    ctx.emit('customer.updated', customer, now, customerBefore);
  }
  return paymentMethod;
}

function listFor(ctx: Ctx, params: Params, customerId: string, url: string): unknown {
  getOrThrow(ctx.state, 'customers', customerId, 'customer');
  const type = optString(params, 'type');
  const methods = newestFirst(ctx.state.payment_methods).filter(
    (pm) => pm.customer === customerId && (!type || pm.type === type),
  );
  return paginate(methods, params, url);
}

function update(ctx: Ctx, params: Params, [id]: string[]): Stripe.PaymentMethod {
  const paymentMethod = getOrThrow(ctx.state, 'payment_methods', id as string);
  const before = snapshot(paymentMethod);
  paymentMethod.metadata = mergeMetadata(paymentMethod.metadata, params);
  ctx.emit('payment_method.updated', paymentMethod, customerNow(ctx.state, paymentMethod.customer as string | null), before);
  return paymentMethod;
}

/** `POST /v1/payment_methods` from a test card token (`card[token]=tok_visa`); raw card numbers are not accepted. */
function create(ctx: Ctx, params: Params): Stripe.PaymentMethod {
  if (reqString(params, 'type') !== 'card') throw invalid('The emulator creates card payment methods only.', 'type');
  const token = reqString((params.card ?? {}) as Params, 'token');
  const card = TEST_TOKENS[token];
  if (!card) throw invalid(`No such token: '${token}'`, 'card[token]', 'resource_missing');
  const paymentMethod = buildCard(card, realNow());
  paymentMethod.metadata = mergeMetadata({}, params);
  ctx.state.payment_methods[paymentMethod.id] = paymentMethod;
  ctx.state.card_outcomes[paymentMethod.id] = card.outcome;
  return paymentMethod;
}

export const paymentMethodRoutes: Route[] = [
  route('POST', '/v1/payment_methods', create),
  route('POST', '/v1/payment_methods/:id/attach', (ctx, params, [id]) =>
    attachPaymentMethod(ctx, id as string, reqString(params, 'customer'))),
  route('POST', '/v1/payment_methods/:id/detach', detach),
  route('GET', '/v1/payment_methods', (ctx, params) =>
    listFor(ctx, params, reqString(params, 'customer'), '/v1/payment_methods')),
  route('GET', '/v1/customers/:id/payment_methods', (ctx, params, [id]) =>
    listFor(ctx, params, id as string, `/v1/customers/${id}/payment_methods`)),
  route('GET', '/v1/payment_methods/:id', (ctx, _params, [id]) => getOrThrow(ctx.state, 'payment_methods', id as string)),
  route('POST', '/v1/payment_methods/:id', update),
];
