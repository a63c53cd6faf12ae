import type Stripe from 'stripe';
import type { Ctx, Params } from '../types.js';
import { customerNow } from '../core/time.js';
import { changeBalance } from '../billing/customer-balance.js';
import { invalid, missingParam, noSuch } from '../http/errors.js';
import { createdFilter, newestFirst, paginate } from '../http/list.js';
import { mergeMetadata, optInt, optString, reqString } from '../http/params.js';
import { route, type Route } from '../http/router.js';
import { getOrThrow } from './common.js';

/** A manual credit (negative) or debit (positive) of the customer's balance, type `adjustment`. */
function create(ctx: Ctx, params: Params, [id]: string[]): Stripe.CustomerBalanceTransaction {
  const customer = getOrThrow(ctx.state, 'customers', id as string);
  const amount = optInt(params, 'amount');
  if (amount === undefined) throw missingParam('amount');
  const currency = reqString(params, 'currency').toLowerCase();
  if (customer.currency && customer.currency !== currency) {
    throw invalid(`The currency ${currency} does not match the customer's balance currency ${customer.currency}.`, 'currency');
  }
  return changeBalance(ctx, customer, {
    amount, type: 'adjustment', currency, description: optString(params, 'description') ?? null, metadata: mergeMetadata({}, params),
  }, customerNow(ctx.state, customer.id));
}

function find(ctx: Ctx, customerId: string, id: string): Stripe.CustomerBalanceTransaction {
  getOrThrow(ctx.state, 'customers', customerId);
  const transaction = ctx.state.balance_transactions[id];
  if (!transaction || transaction.customer !== customerId) throw noSuch('customer balance transaction', id);
  return transaction;
}

function list(ctx: Ctx, params: Params, [id]: string[]): unknown {
  const customer = getOrThrow(ctx.state, 'customers', id as string);
  const invoice = optString(params, 'invoice');
  const created = createdFilter(params);
  const transactions = newestFirst(ctx.state.balance_transactions).filter((transaction) =>
    transaction.customer === customer.id && (!invoice || transaction.invoice === invoice) && created(transaction.created));
  return paginate(transactions, params, `/v1/customers/${customer.id}/balance_transactions`);
}

export const balanceTransactionRoutes: Route[] = [
  route('POST', '/v1/customers/:id/balance_transactions', create),
  route('GET', '/v1/customers/:id/balance_transactions', list),
  route('GET', '/v1/customers/:id/balance_transactions/:txn', (ctx, _params, [id, txn]) => find(ctx, id as string, txn as string)),
  // Only the description and metadata change; the amount of a transaction is final.
  route('POST', '/v1/customers/:id/balance_transactions/:txn', (ctx, params, [id, txn]) => {
    const transaction = find(ctx, id as string, txn as string);
    const description = optString(params, 'description');
    if (description !== undefined) transaction.description = description || null;
    transaction.metadata = mergeMetadata(transaction.metadata, params);
    return transaction;
  }),
];
