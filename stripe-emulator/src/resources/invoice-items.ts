import type Stripe from 'stripe';
import type { Ctx, Params } from '../types.js';
import { newId } from '../core/ids.js';
import { customerNow } from '../core/time.js';
import { refreshDraftLines } from '../billing/draft-invoice.js';
import { buildInvoiceItem, itemPricing } from '../billing/invoice-items.js';
import { invalid, missingParam } from '../http/errors.js';
import { createdFilter, newestFirst, paginate } from '../http/list.js';
import {
  mergeMetadata, optBool, optInt, optNullableString, optObject, optString, reqString,
} from '../http/params.js';
import { route, type Route } from '../http/router.js';
import { decimal } from '../objects/money.js';
import { getOrDeletedStub, getOrThrow, snapshot } from './common.js';

function notEditable(): Error {
  return invalid('This invoice item is on an invoice that is no longer a draft, so it can no longer be changed.', 'id', 'invoice_not_editable');
}

/** `price_data` makes an inline price, as Stripe does; it is not listed among the catalogue's active prices. */
function inlinePrice(ctx: Ctx, data: Params, now: number): Stripe.Price {
  const product = getOrThrow(ctx.state, 'products', reqString(data, 'product'), 'price_data[product]');
  const unitAmount = optInt(data, 'unit_amount') ?? Number(optString(data, 'unit_amount_decimal') ?? NaN);
  if (!Number.isFinite(unitAmount)) throw missingParam('price_data[unit_amount]');
  const price: Stripe.Price = {
    id: newId('price'), object: 'price', active: false, billing_scheme: 'per_unit', created: now,
    currency: reqString(data, 'currency').toLowerCase(), custom_unit_amount: null, livemode: false, lookup_key: null,
    metadata: {}, nickname: null, product: product.id, recurring: null, tax_behavior: 'unspecified', tiers_mode: null,
    transform_quantity: null, type: 'one_time', unit_amount: unitAmount, unit_amount_decimal: decimal(unitAmount),
  };
  ctx.state.prices[price.id] = price;
  return price;
}

interface Amounts {
  amount?: number;
  unitAmount?: number;
  price?: Stripe.Price;
}

/** One of `amount`, `unit_amount_decimal`, `pricing[price]` or `price_data`, as Stripe requires. */
function readAmounts(ctx: Ctx, params: Params, now: number): Amounts {
  const given = ['amount', 'unit_amount_decimal', 'pricing', 'price_data'].filter((key) => params[key] !== undefined);
  if (given.length > 1) {
    throw invalid(`You may only specify one of these parameters: ${given.join(', ')}.`, given[1], 'parameters_exclusive');
  }
  const priceId = optString(optObject(params, 'pricing') ?? {}, 'price');
  const priceData = optObject(params, 'price_data');
  const decimalAmount = optString(params, 'unit_amount_decimal');
  return {
    amount: optInt(params, 'amount'),
    unitAmount: decimalAmount !== undefined ? Number(decimalAmount) : undefined,
    price: priceId ? getOrThrow(ctx.state, 'prices', priceId, 'pricing[price]') : priceData ? inlinePrice(ctx, priceData, now) : undefined,
  };
}

function attachableInvoice(ctx: Ctx, invoiceId: string, customerId: string): Stripe.Invoice {
  const invoice = getOrThrow(ctx.state, 'invoices', invoiceId, 'invoice');
  if (invoice.customer !== customerId) throw invalid('The invoice belongs to a different customer.', 'invoice');
  if (invoice.status !== 'draft') throw invalid('You can only add invoice items to draft invoices.', 'invoice', 'invoice_not_editable');
  return invoice;
}

function create(ctx: Ctx, params: Params): Stripe.InvoiceItem {
  const customer = getOrThrow(ctx.state, 'customers', reqString(params, 'customer'), 'customer');
  const now = customerNow(ctx.state, customer.id);
  const invoiceId = optString(params, 'invoice');
  const invoice = invoiceId ? attachableInvoice(ctx, invoiceId, customer.id) : null;
  const subscriptionId = optString(params, 'subscription');
  if (subscriptionId && getOrThrow(ctx.state, 'subscriptions', subscriptionId, 'subscription').customer !== customer.id) {
    throw invalid('The subscription belongs to a different customer.', 'subscription');
  }
  const { amount, unitAmount, price } = readAmounts(ctx, params, now);
  if (amount === undefined && unitAmount === undefined && !price) throw missingParam('amount');
  const quantity = optInt(params, 'quantity') ?? 1;
  if (quantity < 0) throw invalid('Invalid non-negative integer', 'quantity');
  const currency = (optString(params, 'currency') ?? price?.currency ?? invoice?.currency ?? customer.currency ?? 'usd').toLowerCase();
  if (price && price.currency !== currency) throw invalid(`The price's currency (${price.currency}) must match the currency (${currency}).`, 'currency');
  const period = optObject(params, 'period');
  const item = buildInvoiceItem({
    customer, currency, quantity, price: price ?? null, date: now, invoice: invoice?.id ?? null,
    amount: amount ?? Math.round((unitAmount ?? price?.unit_amount ?? 0) * quantity),
    description: optNullableString(params, 'description') ?? null,
    period: period ? { start: optInt(period, 'start') ?? now, end: optInt(period, 'end') ?? now } : { start: now, end: now },
    subscription: subscriptionId ?? null,
    discountable: optBool(params, 'discountable'),
    metadata: mergeMetadata({}, params),
  });
  ctx.state.invoice_items[item.id] = item;
  ctx.emit('invoiceitem.created', item, now);
  if (invoice) refreshDraftLines(ctx, invoice, now);
  return item;
}

function draftOf(ctx: Ctx, item: Stripe.InvoiceItem): Stripe.Invoice | null {
  if (typeof item.invoice !== 'string') return null;
  const invoice = ctx.state.invoices[item.invoice];
  if (invoice && invoice.status !== 'draft') throw notEditable();
  return invoice ?? null;
}

/** Stripe has no `invoiceitem.updated` event in this API version; a draft it sits on gets `invoice.updated`. */
function update(ctx: Ctx, params: Params, [id]: string[]): Stripe.InvoiceItem {
  const item = getOrThrow(ctx.state, 'invoice_items', id as string);
  const draft = draftOf(ctx, item);
  const now = customerNow(ctx.state, item.customer as string);
  const { amount, unitAmount, price } = readAmounts(ctx, params, now);
  const quantity = optInt(params, 'quantity') ?? item.quantity;
  const unit = unitAmount ?? price?.unit_amount ?? Number(item.pricing?.unit_amount_decimal ?? 0);
  item.quantity = quantity;
  item.quantity_decimal = decimal(quantity);
  item.amount = amount ?? Math.round(unit * quantity);
  item.net_amount = item.amount;
  const priceId = item.pricing?.price_details?.price;
  const keptPrice = typeof priceId === 'string' && amount === undefined && unitAmount === undefined ? ctx.state.prices[priceId] : undefined;
  item.pricing = itemPricing(price ?? keptPrice ?? null, item.amount, quantity);
  const description = optNullableString(params, 'description');
  if (description !== undefined) item.description = description;
  const discountable = optBool(params, 'discountable');
  if (discountable !== undefined) item.discountable = discountable;
  const period = optObject(params, 'period');
  if (period) item.period = { start: optInt(period, 'start') ?? item.period.start, end: optInt(period, 'end') ?? item.period.end };
  item.metadata = mergeMetadata(item.metadata, params);
  if (draft) refreshDraftLines(ctx, draft, now);
  return item;
}

function remove(ctx: Ctx, _params: Params, [id]: string[]): Stripe.DeletedInvoiceItem {
  const item = getOrThrow(ctx.state, 'invoice_items', id as string);
  const draft = draftOf(ctx, item);
  const now = customerNow(ctx.state, item.customer as string);
  delete ctx.state.invoice_items[item.id];
  ctx.state.deleted[item.id] = 'invoiceitem';
  ctx.emit('invoiceitem.deleted', snapshot(item), now);
  if (draft) refreshDraftLines(ctx, draft, now);
  return { id: item.id, object: 'invoiceitem', deleted: true };
}

function list(ctx: Ctx, params: Params): unknown {
  const customer = optString(params, 'customer');
  const invoice = optString(params, 'invoice');
  const pending = optBool(params, 'pending');
  const inRange = createdFilter(params);
  const items = newestFirst(ctx.state.invoice_items, (item) => item.date).filter((item) =>
    (!customer || item.customer === customer) &&
    (!invoice || item.invoice === invoice) &&
    (pending === undefined || (item.invoice === null) === pending) &&
    inRange(item.date));
  return paginate(items, params, '/v1/invoiceitems');
}

export const invoiceItemRoutes: Route[] = [
  route('POST', '/v1/invoiceitems', create),
  route('GET', '/v1/invoiceitems', list),
  route('GET', '/v1/invoiceitems/:id', (ctx, _params, [id]) => getOrDeletedStub(ctx.state, 'invoice_items', id as string)),
  route('POST', '/v1/invoiceitems/:id', update),
  route('DELETE', '/v1/invoiceitems/:id', remove),
];
