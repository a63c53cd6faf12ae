import type Stripe from 'stripe';
import type { Ctx } from '../types.js';
import { newId } from '../core/ids.js';

export interface BalanceChange {
  /** Negative credits the customer (Stripe's sign: a negative balance is money owed to them). */
  amount: number;
  type: Stripe.CustomerBalanceTransaction.Type;
  currency: string;
  description?: string | null;
  metadata?: Stripe.Metadata;
  invoice?: string | null;
  creditNote?: string | null;
}

/**
 * Moves a customer's `balance` and records the customer balance transaction Stripe keeps for every
 * change (`customer.updated` follows, as the balance is a customer field).
 */
export function changeBalance(ctx: Ctx, customer: Stripe.Customer, change: BalanceChange, now: number): Stripe.CustomerBalanceTransaction {
  const before = structuredClone(customer);
  customer.balance += change.amount;
  // Like Stripe, a customer's balance has one currency: the first transaction sets it.
  customer.currency ??= change.currency;
  const transaction: Stripe.CustomerBalanceTransaction = {
    id: newId('cbtxn'),
    object: 'customer_balance_transaction',
    amount: change.amount,
    checkout_session: null,
    created: now,
    credit_note: change.creditNote ?? null,
    currency: change.currency,
    customer: customer.id,
    customer_account: null,
    description: change.description ?? null,
    ending_balance: customer.balance,
    invoice: change.invoice ?? null,
    livemode: false,
    metadata: change.metadata ?? {},
    type: change.type,
  };
  ctx.state.balance_transactions[transaction.id] = transaction;
  ctx.emit('customer.updated', customer, now, before);
  return transaction;
}
