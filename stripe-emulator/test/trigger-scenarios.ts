import type Stripe from 'stripe';

/** One request, as `stripe trigger` makes it; `${step:field}` refers to an earlier step's answer. */
export interface Step {
  name: string;
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
  params?: Record<string, unknown>;
  /** The error type Stripe answers this step with (a decline, for example). */
  expectError?: string;
}

export interface Scenario {
  /** The name `stripe trigger` takes. */
  trigger: string;
  event: Stripe.Event.Type;
  /** The step whose answer is the event's object. */
  subject: string;
  steps: Step[];
}

const NOTE = { description: '(created by the emulator trigger suite)' };
const customer: Step = { name: 'customer', method: 'POST', path: '/v1/customers', params: NOTE };
const customerWithVisa: Step = {
  name: 'customer', method: 'POST', path: '/v1/customers',
  params: { ...NOTE, payment_method: 'pm_card_visa', invoice_settings: { default_payment_method: 'pm_card_visa' } },
};
const product: Step = { name: 'product', method: 'POST', path: '/v1/products', params: { name: 'Trigger product', ...NOTE } };
const price: Step = {
  name: 'price', method: 'POST', path: '/v1/prices',
  params: { product: '${product:id}', unit_amount: 1500, currency: 'usd', recurring: { interval: 'month' } },
};
const subscription = (extra: Record<string, unknown> = {}): Step => ({
  name: 'subscription', method: 'POST', path: '/v1/subscriptions',
  params: { customer: '${customer:id}', items: [{ price: '${price:id}' }], ...extra },
});
const invoiceItem: Step = {
  name: 'invoiceitem', method: 'POST', path: '/v1/invoiceitems',
  params: { customer: '${customer:id}', amount: 2000, currency: 'usd', ...NOTE },
};
const invoice = (extra: Record<string, unknown> = {}): Step => ({
  name: 'invoice', method: 'POST', path: '/v1/invoices',
  params: { customer: '${customer:id}', pending_invoice_items_behavior: 'include', ...NOTE, ...extra },
});
const attach = (card: string): Step => ({
  name: 'payment_method', method: 'POST', path: `/v1/payment_methods/${card}/attach`, params: { customer: '${customer:id}' },
});
const finalize: Step = { name: 'finalized', method: 'POST', path: '/v1/invoices/${invoice:id}/finalize' };
const clock: Step = { name: 'test_clock', method: 'POST', path: '/v1/test_helpers/test_clocks', params: { frozen_time: 1_767_225_600, name: 'trigger' } };
const advance = (to: number): Step => ({ name: 'advance', method: 'POST', path: '/v1/test_helpers/test_clocks/${test_clock:id}/advance', params: { frozen_time: to } });
const pausedAtTrialEnd = [
  customer, product, price,
  subscription({ trial_period_days: 7, trial_settings: { end_behavior: { missing_payment_method: 'pause' } } }),
  { name: 'trial_ended', method: 'POST', path: '/v1/subscriptions/${subscription:id}', params: { trial_end: 'now' } },
] satisfies Step[];
/** A starter subscription on a clock whose upgrade with `pending_if_incomplete` is declined. */
const declinedUpgrade = [
  clock,
  { ...customerWithVisa, params: { ...customerWithVisa.params, test_clock: '${test_clock:id}' } },
  product, price, subscription(),
  { name: 'pro', method: 'POST', path: '/v1/prices', params: { product: '${product:id}', unit_amount: 4500, currency: 'usd', recurring: { interval: 'month' } } },
  attach('pm_card_chargeCustomerFail'),
  { name: 'declining', method: 'POST', path: '/v1/customers/${customer:id}', params: { invoice_settings: { default_payment_method: '${payment_method:id}' } } },
  { name: 'pending', method: 'POST', path: '/v1/subscriptions/${subscription:id}', params: {
    items: [{ id: '${subscription:items.data.0.id}', price: '${pro:id}' }], proration_behavior: 'always_invoice', payment_behavior: 'pending_if_incomplete',
  } },
] satisfies Step[];

const paymentIntent = (extra: Record<string, unknown> = {}): Step => ({
  name: 'payment_intent', method: 'POST', path: '/v1/payment_intents',
  params: { amount: 2000, currency: 'usd', allowed_payment_method_types: ['card'], ...NOTE, ...extra },
});
const confirmedWith = (card: string, extra: Record<string, unknown> = {}): Step => paymentIntent({ payment_method: card, confirm: true, ...extra });
const setupIntent = (extra: Record<string, unknown> = {}): Step => ({
  name: 'setup_intent', method: 'POST', path: '/v1/setup_intents', params: { allowed_payment_method_types: ['card'], ...NOTE, ...extra },
});
const chargeOf: Step = { name: 'charge', method: 'GET', path: '/v1/charges/${payment_intent:latest_charge}' };

export const SCENARIOS: Scenario[] = [
  { trigger: 'customer.created', event: 'customer.created', subject: 'customer', steps: [customer] },
  { trigger: 'customer.updated', event: 'customer.updated', subject: 'customer', steps: [customer, { name: 'update', method: 'POST', path: '/v1/customers/${customer:id}', params: { metadata: { foo: 'bar' } } }] },
  { trigger: 'customer.deleted', event: 'customer.deleted', subject: 'customer', steps: [customer, { name: 'delete', method: 'DELETE', path: '/v1/customers/${customer:id}' }] },
  { trigger: 'customer.subscription.created', event: 'customer.subscription.created', subject: 'subscription', steps: [customerWithVisa, product, price, subscription()] },
  { trigger: 'customer.subscription.updated', event: 'customer.subscription.updated', subject: 'subscription', steps: [customerWithVisa, product, price, subscription(), { name: 'update', method: 'POST', path: '/v1/subscriptions/${subscription:id}', params: { metadata: { foo: 'bar' } } }] },
  { trigger: 'customer.subscription.deleted', event: 'customer.subscription.deleted', subject: 'subscription', steps: [customerWithVisa, product, price, subscription(), { name: 'cancel', method: 'DELETE', path: '/v1/subscriptions/${subscription:id}' }] },
  { trigger: 'customer.subscription.trial_will_end', event: 'customer.subscription.trial_will_end', subject: 'subscription', steps: [customer, product, price, subscription({ trial_period_days: 1 })] },
  { trigger: 'customer.subscription.paused', event: 'customer.subscription.paused', subject: 'subscription', steps: pausedAtTrialEnd },
  { trigger: '(emulator) customer.subscription.resumed', event: 'customer.subscription.resumed', subject: 'subscription', steps: [
    ...pausedAtTrialEnd, attach('pm_card_visa'),
    { name: 'default', method: 'POST', path: '/v1/customers/${customer:id}', params: { invoice_settings: { default_payment_method: '${payment_method:id}' } } },
    { name: 'resume', method: 'POST', path: '/v1/subscriptions/${subscription:id}/resume' },
  ] },
  { trigger: '(emulator) customer.subscription.pending_update_applied', event: 'customer.subscription.pending_update_applied', subject: 'subscription', steps: [
    ...declinedUpgrade, { ...attach('pm_card_visa'), name: 'visa' },
    { name: 'pay', method: 'POST', path: '/v1/invoices/${pending:latest_invoice}/pay', params: { payment_method: '${visa:id}' } },
  ] },
  { trigger: '(emulator) customer.subscription.pending_update_expired', event: 'customer.subscription.pending_update_expired', subject: 'subscription', steps: [...declinedUpgrade, advance(1_767_225_600 + 86_400)] },
  { trigger: 'invoice.created', event: 'invoice.created', subject: 'invoice', steps: [customer, invoiceItem, invoice()] },
  { trigger: 'invoice.finalized', event: 'invoice.finalized', subject: 'invoice', steps: [customer, invoiceItem, invoice(), finalize] },
  { trigger: 'invoice.paid', event: 'invoice.paid', subject: 'invoice', steps: [customer, attach('pm_card_visa'), invoiceItem, invoice(), { name: 'pay', method: 'POST', path: '/v1/invoices/${invoice:id}/pay', params: { payment_method: '${payment_method:id}' } }] },
  { trigger: 'invoice.payment_succeeded', event: 'invoice.payment_succeeded', subject: 'invoice', steps: [customer, attach('pm_card_visa'), invoiceItem, invoice(), { name: 'pay', method: 'POST', path: '/v1/invoices/${invoice:id}/pay', params: { payment_method: '${payment_method:id}' } }] },
  { trigger: 'invoice.payment_failed', event: 'invoice.payment_failed', subject: 'invoice', steps: [customer, attach('pm_card_chargeCustomerFail'), invoiceItem, invoice(), { name: 'pay', method: 'POST', path: '/v1/invoices/${invoice:id}/pay', params: { payment_method: '${payment_method:id}' }, expectError: 'card_error' }] },
  { trigger: 'subscription.payment_failed', event: 'invoice.payment_failed', subject: 'invoice', steps: [
    { name: 'card', method: 'POST', path: '/v1/payment_methods', params: { type: 'card', card: { token: 'tok_chargeCustomerFail' } } },
    customer, { name: 'attach', method: 'POST', path: '/v1/payment_methods/${card:id}/attach', params: { customer: '${customer:id}' } },
    { name: 'default', method: 'POST', path: '/v1/customers/${customer:id}', params: { invoice_settings: { default_payment_method: '${card:id}' } } },
    product, price, subscription(), { name: 'invoice', method: 'GET', path: '/v1/invoices/${subscription:latest_invoice}' },
  ] },
  { trigger: 'invoice.voided', event: 'invoice.voided', subject: 'invoice', steps: [customer, invoiceItem, invoice(), finalize, { name: 'void', method: 'POST', path: '/v1/invoices/${invoice:id}/void' }] },
  { trigger: 'invoice.marked_uncollectible', event: 'invoice.marked_uncollectible', subject: 'invoice', steps: [customer, invoiceItem, invoice(), finalize, { name: 'uncollectible', method: 'POST', path: '/v1/invoices/${invoice:id}/mark_uncollectible' }] },
  { trigger: 'invoice.updated', event: 'invoice.updated', subject: 'invoice', steps: [customer, invoiceItem, invoice(), { name: 'update', method: 'POST', path: '/v1/invoices/${invoice:id}', params: { metadata: { foo: 'bar' } } }] },
  { trigger: 'invoice.deleted', event: 'invoice.deleted', subject: 'invoice', steps: [customer, invoiceItem, invoice(), { name: 'delete', method: 'DELETE', path: '/v1/invoices/${invoice:id}' }] },
  { trigger: 'invoice.sent', event: 'invoice.sent', subject: 'invoice', steps: [customer, invoiceItem, invoice({ collection_method: 'send_invoice', days_until_due: 7 }), { name: 'send', method: 'POST', path: '/v1/invoices/${invoice:id}/send' }] },
  { trigger: 'invoiceitem.created', event: 'invoiceitem.created', subject: 'invoiceitem', steps: [customer, invoiceItem] },
  { trigger: 'invoiceitem.deleted', event: 'invoiceitem.deleted', subject: 'invoiceitem', steps: [customer, invoiceItem, { name: 'delete', method: 'DELETE', path: '/v1/invoiceitems/${invoiceitem:id}' }] },
  { trigger: 'payment_method.attached', event: 'payment_method.attached', subject: 'payment_method', steps: [customer, attach('pm_card_visa')] },
  { trigger: 'payment_method.detached', event: 'payment_method.detached', subject: 'payment_method', steps: [customer, attach('pm_card_visa'), { name: 'detach', method: 'POST', path: '/v1/payment_methods/${payment_method:id}/detach' }] },
  { trigger: 'product.created', event: 'product.created', subject: 'product', steps: [product] },
  { trigger: 'product.updated', event: 'product.updated', subject: 'product', steps: [product, { name: 'update', method: 'POST', path: '/v1/products/${product:id}', params: { metadata: { foo: 'bar' } } }] },
  { trigger: 'product.deleted', event: 'product.deleted', subject: 'product', steps: [product, { name: 'delete', method: 'DELETE', path: '/v1/products/${product:id}' }] },
  { trigger: 'price.created', event: 'price.created', subject: 'price', steps: [product, price] },
  { trigger: 'price.updated', event: 'price.updated', subject: 'price', steps: [product, price, { name: 'update', method: 'POST', path: '/v1/prices/${price:id}', params: { metadata: { foo: 'bar' } } }] },
  { trigger: 'test_helpers.test_clock.created', event: 'test_helpers.test_clock.created', subject: 'test_clock', steps: [clock] },
  { trigger: 'test_helpers.test_clock.advancing', event: 'test_helpers.test_clock.advancing', subject: 'test_clock', steps: [clock, advance(1_769_904_000)] },
  { trigger: 'test_helpers.test_clock.ready', event: 'test_helpers.test_clock.ready', subject: 'test_clock', steps: [clock, advance(1_769_904_000)] },
  { trigger: 'test_helpers.test_clock.deleted', event: 'test_helpers.test_clock.deleted', subject: 'test_clock', steps: [clock, { name: 'delete', method: 'DELETE', path: '/v1/test_helpers/test_clocks/${test_clock:id}' }] },
  { trigger: 'payment_intent.created', event: 'payment_intent.created', subject: 'payment_intent', steps: [paymentIntent()] },
  { trigger: 'payment_intent.succeeded', event: 'payment_intent.succeeded', subject: 'payment_intent', steps: [confirmedWith('pm_card_visa')] },
  { trigger: 'payment_intent.payment_failed', event: 'payment_intent.payment_failed', subject: 'payment_intent', steps: [
    paymentIntent({ payment_method: 'pm_card_chargeDeclined' }),
    { name: 'confirm', method: 'POST', path: '/v1/payment_intents/${payment_intent:id}/confirm', expectError: 'card_error' },
  ] },
  { trigger: 'payment_intent.requires_action', event: 'payment_intent.requires_action', subject: 'payment_intent', steps: [confirmedWith('pm_card_threeDSecure2Required')] },
  { trigger: 'payment_intent.amount_capturable_updated', event: 'payment_intent.amount_capturable_updated', subject: 'payment_intent', steps: [confirmedWith('pm_card_visa', { capture_method: 'manual' })] },
  { trigger: 'payment_intent.canceled', event: 'payment_intent.canceled', subject: 'payment_intent', steps: [
    paymentIntent(), { name: 'cancel', method: 'POST', path: '/v1/payment_intents/${payment_intent:id}/cancel' },
  ] },
  { trigger: 'charge.succeeded', event: 'charge.succeeded', subject: 'charge', steps: [confirmedWith('pm_card_visa'), chargeOf] },
  { trigger: 'charge.captured', event: 'charge.captured', subject: 'charge', steps: [
    confirmedWith('pm_card_visa', { capture_method: 'manual' }),
    { name: 'capture', method: 'POST', path: '/v1/payment_intents/${payment_intent:id}/capture' }, chargeOf,
  ] },
  { trigger: 'charge.failed', event: 'charge.failed', subject: 'charge', steps: [
    paymentIntent({ payment_method: 'pm_card_chargeDeclined' }),
    { name: 'confirm', method: 'POST', path: '/v1/payment_intents/${payment_intent:id}/confirm', expectError: 'card_error' },
    { name: 'refreshed', method: 'GET', path: '/v1/payment_intents/${payment_intent:id}' },
    { name: 'charge', method: 'GET', path: '/v1/charges/${refreshed:latest_charge}' },
  ] },
  { trigger: '(emulator) customer.tax_id.created', event: 'customer.tax_id.created', subject: 'tax_id', steps: [
    customer, { name: 'tax_id', method: 'POST', path: '/v1/customers/${customer:id}/tax_ids', params: { type: 'eu_vat', value: 'DE123456789' } },
  ] },
  { trigger: '(emulator) customer.tax_id.deleted', event: 'customer.tax_id.deleted', subject: 'tax_id', steps: [
    customer, { name: 'tax_id', method: 'POST', path: '/v1/customers/${customer:id}/tax_ids', params: { type: 'us_ein', value: '12-3456789' } },
    { name: 'delete', method: 'DELETE', path: '/v1/customers/${customer:id}/tax_ids/${tax_id:id}' },
  ] },
  { trigger: 'charge.refunded', event: 'charge.refunded', subject: 'charge', steps: [
    confirmedWith('pm_card_visa'), { name: 'refund', method: 'POST', path: '/v1/refunds', params: { payment_intent: '${payment_intent:id}' } }, chargeOf,
  ] },
  { trigger: 'refund.created', event: 'refund.created', subject: 'refund', steps: [
    confirmedWith('pm_card_visa'), { name: 'refund', method: 'POST', path: '/v1/refunds', params: { payment_intent: '${payment_intent:id}', amount: 500 } },
  ] },
  { trigger: 'setup_intent.created', event: 'setup_intent.created', subject: 'setup_intent', steps: [setupIntent()] },
  { trigger: 'setup_intent.succeeded', event: 'setup_intent.succeeded', subject: 'setup_intent', steps: [setupIntent({ payment_method: 'pm_card_visa', confirm: true })] },
  { trigger: 'setup_intent.setup_failed', event: 'setup_intent.setup_failed', subject: 'setup_intent', steps: [
    setupIntent({ payment_method: 'pm_card_chargeDeclined' }),
    { name: 'confirm', method: 'POST', path: '/v1/setup_intents/${setup_intent:id}/confirm', expectError: 'card_error' },
  ] },
  { trigger: 'setup_intent.requires_action', event: 'setup_intent.requires_action', subject: 'setup_intent', steps: [setupIntent({ payment_method: 'pm_card_authenticationRequired', confirm: true })] },
  { trigger: 'setup_intent.canceled', event: 'setup_intent.canceled', subject: 'setup_intent', steps: [
    setupIntent(), { name: 'cancel', method: 'POST', path: '/v1/setup_intents/${setup_intent:id}/cancel' },
  ] },
];
