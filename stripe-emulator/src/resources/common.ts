import type { State } from '../types.js';
import { noSuch } from '../http/errors.js';

export const OBJECT_NAMES = {
  customers: 'customer',
  products: 'product',
  prices: 'price',
  payment_methods: 'PaymentMethod',
  subscriptions: 'subscription',
  invoices: 'invoice',
  invoice_items: 'invoiceitem',
  test_clocks: 'test clock',
  checkout_sessions: 'checkout.session',
  portal_sessions: 'billing_portal.session',
  subscription_schedules: 'subscription_schedule',
  payment_intents: 'payment_intent',
  setup_intents: 'setup_intent',
  charges: 'charge',
  tax_ids: 'tax_id',
  refunds: 'refund',
  coupons: 'coupon',
  promotion_codes: 'promotion code',
  discounts: 'discount',
  credit_notes: 'credit note',
  invoice_payments: 'invoice_payment',
  balance_transactions: 'customer balance transaction',
} as const;

type Collection = keyof typeof OBJECT_NAMES;
type ItemOf<C extends Collection> = State[C][string];

/** Looks an object up, 404 (id in path) or 400 (id in a param) with Stripe's `resource_missing`. */
export function getOrThrow<C extends Collection>(state: State, collection: C, id: string, param = 'id'): ItemOf<C> {
  const found = (state[collection] as Record<string, ItemOf<C>>)[id];
  if (!found) throw noSuch(OBJECT_NAMES[collection], id, param);
  return found;
}

/** Retrieve answers a deleted id with `{ id, object, deleted: true }`, like Stripe. */
export function getOrDeletedStub<C extends Collection>(state: State, collection: C, id: string): object {
  const found = (state[collection] as Record<string, ItemOf<C>>)[id];
  if (found) return found;
  const deletedObject = state.deleted[id];
  if (deletedObject) return { id, object: deletedObject, deleted: true };
  throw noSuch(OBJECT_NAMES[collection], id);
}

export function snapshot<T>(value: T): T {
  return structuredClone(value);
}
