import type Stripe from 'stripe';
import type { CardOutcome, Ctx, Params } from '../types';
import { newId } from '../core/ids';
import { customerNow } from '../core/time';
import { ApiError, cardDeclined, invalid } from '../http/errors';
import { newestFirst, paginate } from '../http/list';
import { mergeMetadata, optString, reqString } from '../http/params';
import { route, type Route } from '../http/router';
import { getOrThrow, snapshot } from './common';

interface TestCard {
  brand: string;
  last4: string;
  fingerprint: string;
  /** What charging it does; `attach_fails` cards are declined when attached. */
  outcome: CardOutcome | 'attach_fails';
}

/** Stripe's test payment method tokens (https://docs.stripe.com/testing). */
const TEST_CARDS: Record<string, TestCard> = {
  pm_card_visa: { brand: 'visa', last4: '4242', fingerprint: 'Xt5EWLLDS7FJjR1c', outcome: 'succeed' },
  pm_card_mastercard: { brand: 'mastercard', last4: '4444', fingerprint: 'Rd4h0yQJxL2Kcuz6', outcome: 'succeed' },
  pm_card_amex: { brand: 'amex', last4: '8431', fingerprint: 'Qp2Lr8sWm5TnYv3c', outcome: 'succeed' },
  pm_card_chargeCustomerFail: { brand: 'visa', last4: '0341', fingerprint: 'Ng7Kd2PzV9bWq4Ht', outcome: 'decline' },
  pm_card_chargeDeclined: { brand: 'visa', last4: '0002', fingerprint: 'Hc3Vn8QsL1mZx6Pd', outcome: 'attach_fails' },
  pm_card_visa_chargeDeclined: { brand: 'visa', last4: '0002', fingerprint: 'Hc3Vn8QsL1mZx6Pd', outcome: 'attach_fails' },
};

export function isTestToken(id: string): boolean {
  return id in TEST_CARDS;
}

function buildCard(card: TestCard, created: number): Stripe.PaymentMethod {
  const expYear = new Date(created * 1000).getUTCFullYear() + 3;
  return {
    id: newId('pm'),
    object: 'payment_method',
    allow_redisplay: 'unspecified',
    billing_details: { address: null, email: null, name: null, phone: null, tax_id: null },
    card: {
      brand: card.brand,
      checks: { address_line1_check: null, address_postal_code_check: null, cvc_check: 'pass' },
      country: 'US',
      display_brand: card.brand,
      exp_month: 12,
      exp_year: expYear,
      fingerprint: card.fingerprint,
      funding: 'credit',
      generated_from: null,
      last4: card.last4,
      networks: { available: [card.brand], preferred: null },
      regulated_status: 'unregulated',
      three_d_secure_usage: { supported: true },
      wallet: null,
    },
    created,
    customer: null,
    customer_account: null,
    livemode: false,
    metadata: {},
    type: 'card',
  };
}

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

export const paymentMethodRoutes: Route[] = [
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
