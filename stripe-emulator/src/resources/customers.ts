import type Stripe from 'stripe';
import type { Ctx, Params } from '../types.js';
import { newId, randomToken } from '../core/ids.js';
import { customerNow, realNow } from '../core/time.js';
import { endSubscription } from '../billing/lifecycle.js';
import { createdFilter, newestFirst, paginate } from '../http/list.js';
import { mergeMetadata, optInt, optNullableString, optObject, optString, optStringArray } from '../http/params.js';
import { invalid } from '../http/errors.js';
import { route, type Route } from '../http/router.js';
import { getOrDeletedStub, getOrThrow, snapshot } from './common.js';
import { attachPaymentMethod, requireAttached } from './payment-methods.js';
import { optAddress, optShipping } from '../objects/address.js';
import { listCustomerTaxIds } from './tax-ids.js';

export function createCustomer(ctx: Ctx, params: Params): Stripe.Customer {
  const clockId = optString(params, 'test_clock');
  const clock = clockId ? getOrThrow(ctx.state, 'test_clocks', clockId, 'test_clock') : null;
  const id = newId('cus');
  const customer: Stripe.Customer = {
    id,
    object: 'customer',
    address: optAddress(params, 'address') ?? null,
    balance: optInt(params, 'balance') ?? 0,
    created: clock ? clock.frozen_time : realNow(),
    currency: null,
    default_source: null,
    delinquent: false,
    description: optNullableString(params, 'description') ?? null,
    discount: null,
    email: optNullableString(params, 'email') ?? null,
    invoice_prefix: randomToken(8).toUpperCase(),
    invoice_settings: { custom_fields: null, default_payment_method: null, footer: null, rendering_options: null },
    livemode: false,
    metadata: mergeMetadata({}, params),
    name: optNullableString(params, 'name') ?? null,
    next_invoice_sequence: 1,
    phone: optNullableString(params, 'phone') ?? null,
    preferred_locales: optStringArray(params, 'preferred_locales') ?? [],
    shipping: optShipping(params, 'shipping') ?? null,
    tax_exempt: taxExempt(params) ?? 'none',
    test_clock: clock?.id ?? null,
  };
  ctx.state.customers[id] = customer;
  // customer.created carries the final customer, so the attach event waits until after it.
  const later: (() => void)[] = [];
  const deferred: Ctx = { ...ctx, emit: (...args) => later.push(() => ctx.emit(...args)) };
  const token = optString(params, 'payment_method');
  let attached: Stripe.PaymentMethod | null = null;
  try {
    attached = token ? attachPaymentMethod(deferred, token, id, 'payment_method') : null;
    const requestedDefault = optString(optObject(params, 'invoice_settings') ?? {}, 'default_payment_method');
    if (requestedDefault) {
      // Stripe resolves a test token named in both params to the payment method it just attached.
      const defaultId = attached && requestedDefault === token ? attached.id : requestedDefault;
      customer.invoice_settings.default_payment_method = requireAttached(ctx, defaultId, id, 'invoice_settings[default_payment_method]');
    }
  } catch (error) {
    // A declined card or a bad default leaves no customer behind, as in Stripe.
    delete ctx.state.customers[id];
    if (attached) delete ctx.state.payment_methods[attached.id];
    throw error;
  }
  ctx.emit('customer.created', customer, customer.created);
  for (const emit of later) emit();
  return customer;
}

function taxExempt(params: Params): Stripe.Customer.TaxExempt | undefined {
  const value = optString(params, 'tax_exempt');
  if (value === undefined) return undefined;
  if (!['none', 'exempt', 'reverse'].includes(value)) throw invalid(`Invalid tax_exempt: must be one of none, exempt, or reverse`, 'tax_exempt');
  return value as Stripe.Customer.TaxExempt;
}

function update(ctx: Ctx, params: Params, [id]: string[]): Stripe.Customer {
  const customer = getOrThrow(ctx.state, 'customers', id as string);
  const before = snapshot(customer);
  for (const field of ['email', 'name', 'description', 'phone'] as const) {
    const value = optNullableString(params, field);
    if (value !== undefined) customer[field] = value;
  }
  const address = optAddress(params, 'address');
  if (address !== undefined) customer.address = address;
  const shipping = optShipping(params, 'shipping');
  if (shipping !== undefined) customer.shipping = shipping;
  const exempt = taxExempt(params);
  if (exempt) customer.tax_exempt = exempt;
  const balance = optInt(params, 'balance');
  if (balance !== undefined) customer.balance = balance;
  const locales = optStringArray(params, 'preferred_locales');
  if (locales) customer.preferred_locales = locales;
  const settings = optObject(params, 'invoice_settings');
  const defaultPm = settings ? optNullableString(settings, 'default_payment_method') : undefined;
  if (defaultPm !== undefined) {
    customer.invoice_settings.default_payment_method = defaultPm
      ? requireAttached(ctx, defaultPm, customer.id, 'invoice_settings[default_payment_method]')
      : null;
  }
  customer.metadata = mergeMetadata(customer.metadata, params);
  ctx.emit('customer.updated', customer, customerNow(ctx.state, customer.id), before);
  return customer;
}

/** Deleting a customer cancels their subscriptions and detaches their payment methods, as Stripe does. */
export function deleteCustomer(ctx: Ctx, customer: Stripe.Customer): Stripe.DeletedCustomer {
  const now = customerNow(ctx.state, customer.id);
  for (const subscription of Object.values(ctx.state.subscriptions)) {
    if (subscription.customer === customer.id && !['canceled', 'incomplete_expired'].includes(subscription.status)) {
      endSubscription(ctx, subscription, now, 'cancellation_requested');
    }
  }
  for (const pm of Object.values(ctx.state.payment_methods)) {
    if (pm.customer === customer.id) pm.customer = null;
  }
  delete ctx.state.customers[customer.id];
  ctx.state.deleted[customer.id] = 'customer';
  ctx.emit('customer.deleted', customer, now);
  return { id: customer.id, object: 'customer', deleted: true };
}

/** `tax_ids` is one of Stripe's includable fields: the customer carries the list only when `expand[]=tax_ids` asks. */
function withIncludable(ctx: Ctx, params: Params, found: object): unknown {
  const customer = found as Stripe.Customer | Stripe.DeletedCustomer;
  if ('deleted' in customer || !(optStringArray(params, 'expand') ?? []).includes('tax_ids')) return customer;
  return { ...customer, tax_ids: listCustomerTaxIds(ctx.state, customer.id, {}) };
}

function list(ctx: Ctx, params: Params): unknown {
  const email = optString(params, 'email');
  const clock = optString(params, 'test_clock');
  const inRange = createdFilter(params);
  const customers = newestFirst(ctx.state.customers).filter(
    (c) => (!email || c.email === email) && (!clock || c.test_clock === clock) && inRange(c.created),
  );
  return paginate(customers, params, '/v1/customers');
}

export const customerRoutes: Route[] = [
  route('POST', '/v1/customers', createCustomer),
  route('GET', '/v1/customers', list),
  route('GET', '/v1/customers/:id', (ctx, params, [id]) => withIncludable(ctx, params, getOrDeletedStub(ctx.state, 'customers', id as string))),
  route('POST', '/v1/customers/:id', (ctx, params, ids) => withIncludable(ctx, params, update(ctx, params, ids))),
  route('DELETE', '/v1/customers/:id', (ctx, _params, [id]) =>
    deleteCustomer(ctx, getOrThrow(ctx.state, 'customers', id as string))),
];
