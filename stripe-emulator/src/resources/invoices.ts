import type Stripe from 'stripe';
import type { Ctx, Params } from '../types.js';
import { customerNow, DAY } from '../core/time.js';
import { setDraftLines } from '../billing/draft-invoice.js';
import { buildInvoice } from '../billing/invoice-builder.js';
import { pendingItems } from '../billing/invoice-items.js';
import { subscriptionIdOf } from '../billing/lifecycle.js';
import { createPreview } from '../billing/preview.js';
import { invalid, missingParam } from '../http/errors.js';
import { createdFilter, newestFirst, paginate } from '../http/list.js';
import { mergeMetadata, optBool, optEnum, optInt, optNullableString, optString, reqString } from '../http/params.js';
import { route, type Route } from '../http/router.js';
import { getOrDeletedStub, getOrThrow } from './common.js';
import { invoiceActionRoutes } from './invoice-actions.js';
import { requireAttached } from './payment-methods.js';

const COLLECTION_METHODS = ['charge_automatically', 'send_invoice'] as const;
/** Stripe finalizes a draft with `auto_advance` about an hour after creating it. */
const AUTO_FINALIZE_DELAY = 3600;
/** What a finalized invoice still lets you change. */
const EDITABLE_WHEN_FINALIZED = new Set(['metadata', 'description', 'footer', 'auto_advance', 'expand']);

/** `collection_method`, `days_until_due` and `due_date`, validated together as Stripe does. */
function applyCollection(invoice: Stripe.Invoice, params: Params): void {
  const method = optEnum(params, 'collection_method', COLLECTION_METHODS) ?? invoice.collection_method;
  const days = optInt(params, 'days_until_due');
  const dueDate = optInt(params, 'due_date');
  if (method !== 'send_invoice' && (days !== undefined || dueDate !== undefined)) {
    throw invalid('`days_until_due` and `due_date` are only valid for invoices with `collection_method=send_invoice`.', days !== undefined ? 'days_until_due' : 'due_date');
  }
  invoice.collection_method = method;
  if (method === 'charge_automatically') invoice.due_date = null;
  else if (dueDate !== undefined) invoice.due_date = dueDate;
  else if (days !== undefined) invoice.due_date = invoice.created + days * DAY;
  if (method === 'send_invoice' && invoice.due_date === null) throw missingParam('days_until_due');
}

function applyEditable(ctx: Ctx, invoice: Stripe.Invoice, params: Params): void {
  const description = optNullableString(params, 'description');
  if (description !== undefined) invoice.description = description;
  const footer = optNullableString(params, 'footer');
  if (footer !== undefined) invoice.footer = footer;
  const paymentMethod = optString(params, 'default_payment_method');
  if (paymentMethod) invoice.default_payment_method = requireAttached(ctx, paymentMethod, invoice.customer as string, 'default_payment_method');
  const autoAdvance = optBool(params, 'auto_advance');
  if (autoAdvance !== undefined) invoice.auto_advance = autoAdvance;
  if (invoice.status === 'draft') {
    const finalizesAt = optInt(params, 'automatically_finalizes_at');
    invoice.automatically_finalizes_at = !invoice.auto_advance ? null : finalizesAt ?? invoice.automatically_finalizes_at ?? invoice.created + AUTO_FINALIZE_DELAY;
  }
  invoice.metadata = mergeMetadata(invoice.metadata, params);
}

/** `POST /v1/invoices`: a one-off draft; `pending_invoice_items_behavior` defaults to `exclude` in this API version. */
function create(ctx: Ctx, params: Params): Stripe.Invoice {
  const customer = getOrThrow(ctx.state, 'customers', reqString(params, 'customer'), 'customer');
  const now = customerNow(ctx.state, customer.id);
  const subscriptionId = optString(params, 'subscription');
  const subscription = subscriptionId ? getOrThrow(ctx.state, 'subscriptions', subscriptionId, 'subscription') : null;
  if (subscription && subscription.customer !== customer.id) throw invalid('The subscription belongs to a different customer.', 'subscription');
  const currency = (optString(params, 'currency') ?? subscription?.currency ?? customer.currency ?? 'usd').toLowerCase();
  const behavior = optEnum(params, 'pending_invoice_items_behavior', ['exclude', 'include'] as const) ?? 'exclude';
  const invoice = buildInvoice({
    customer, subscription, lines: [], billingReason: 'manual', period: { start: now, end: now }, created: now, preview: false, currency,
  });
  invoice.auto_advance = false;
  applyCollection(invoice, params);
  applyEditable(ctx, invoice, params);
  if (behavior === 'include') {
    const accept = (owner: string | null): boolean => !subscription || owner === subscription.id;
    for (const item of pendingItems(ctx.state, customer.id, currency, accept)) item.invoice = invoice.id;
  }
  setDraftLines(ctx, invoice);
  ctx.state.invoices[invoice.id] = invoice;
  ctx.emit('invoice.created', invoice, now);
  return invoice;
}

function update(ctx: Ctx, params: Params, [id]: string[]): Stripe.Invoice {
  const invoice = getOrThrow(ctx.state, 'invoices', id as string);
  const now = customerNow(ctx.state, invoice.customer as string);
  if (invoice.status !== 'draft') {
    const locked = Object.keys(params).find((key) => !EDITABLE_WHEN_FINALIZED.has(key));
    if (locked) throw invalid("Finalized invoices can't be updated in this way", locked, 'invoice_not_editable');
  }
  const before = structuredClone(invoice);
  if (invoice.status === 'draft') applyCollection(invoice, params);
  applyEditable(ctx, invoice, params);
  ctx.emit('invoice.updated', invoice, now, before);
  return invoice;
}

/** Only one-off drafts can be deleted; their invoice items go back to pending. */
function remove(ctx: Ctx, _params: Params, [id]: string[]): Stripe.DeletedInvoice {
  const invoice = getOrThrow(ctx.state, 'invoices', id as string);
  if (invoice.status !== 'draft') throw invalid('You can only delete draft invoices.', 'id', 'invoice_not_editable');
  if (subscriptionIdOf(invoice) && invoice.billing_reason !== 'manual') {
    throw invalid('Invoices created by a subscription cannot be deleted; void them instead.', 'id', 'invoice_not_editable');
  }
  for (const item of Object.values(ctx.state.invoice_items)) if (item.invoice === invoice.id) item.invoice = null;
  delete ctx.state.invoices[invoice.id];
  ctx.state.deleted[invoice.id] = 'invoice';
  ctx.emit('invoice.deleted', invoice, customerNow(ctx.state, invoice.customer as string));
  return { id: invoice.id, object: 'invoice', deleted: true };
}

function list(ctx: Ctx, params: Params): unknown {
  const customer = optString(params, 'customer');
  const subscription = optString(params, 'subscription');
  const status = optString(params, 'status');
  const method = optString(params, 'collection_method');
  const inRange = createdFilter(params);
  const dueInRange = createdFilter(params, 'due_date');
  const filterDue = params.due_date !== undefined;
  const invoices = newestFirst(ctx.state.invoices).filter((invoice) =>
    (!customer || invoice.customer === customer) &&
    (!subscription || subscriptionIdOf(invoice) === subscription) &&
    (!status || invoice.status === status) &&
    (!method || invoice.collection_method === method) &&
    (!filterDue || (invoice.due_date !== null && dueInRange(invoice.due_date))) &&
    inRange(invoice.created));
  return paginate(invoices, params, '/v1/invoices');
}

export const invoiceRoutes: Route[] = [
  route('POST', '/v1/invoices/create_preview', createPreview),
  route('POST', '/v1/invoices', create),
  route('GET', '/v1/invoices', list),
  route('GET', '/v1/invoices/:id', (ctx, _params, [id]) => getOrDeletedStub(ctx.state, 'invoices', id as string)),
  route('POST', '/v1/invoices/:id', update),
  route('DELETE', '/v1/invoices/:id', remove),
  route('GET', '/v1/invoices/:id/lines', (ctx, params, [id]) => {
    const invoice = getOrThrow(ctx.state, 'invoices', id as string);
    return paginate(invoice.lines.data, params, invoice.lines.url);
  }),
  ...invoiceActionRoutes,
];
