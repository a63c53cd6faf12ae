import type { State } from '../types.js';

/** Finds any stored object by id (the prefix tells the collection); deleted ids give Stripe's stub. */
export function findById(state: State, id: string): object | undefined {
  const collections: Record<string, Record<string, object>> = {
    cus: state.customers,
    prod: state.products,
    price: state.prices,
    pm: state.payment_methods,
    sub: state.subscriptions,
    in: state.invoices,
    ii: state.invoice_items,
    evt: state.events,
    clock: state.test_clocks,
    cs: state.checkout_sessions,
    bps: state.portal_sessions,
    pi: state.payment_intents,
    seti: state.setup_intents,
    ch: state.charges,
    txi: state.tax_ids,
    re: state.refunds,
    promo: state.promotion_codes,
    di: state.discounts,
    cn: state.credit_notes,
    cbtxn: state.balance_transactions,
    inpay: state.invoice_payments,
  };
  const prefix = id.slice(0, id.indexOf('_'));
  // Coupon ids are the merchant's own codes (or random), without a prefix.
  const found = collections[prefix]?.[id] ?? state.coupons[id];
  if (found) return found;
  const deletedObject = state.deleted[id];
  return deletedObject ? { id, object: deletedObject, deleted: true } : undefined;
}

function expandPath(state: State, value: unknown, segments: string[]): unknown {
  if (Array.isArray(value)) return value.map((entry) => expandPath(state, entry, segments));
  if (typeof value === 'string') {
    const found = findById(state, value);
    return found ? expandPath(state, structuredClone(found), segments) : value;
  }
  if (segments.length === 0 || typeof value !== 'object' || value === null) return value;
  const [head, ...rest] = segments as [string, ...string[]];
  const record = value as Record<string, unknown>;
  if (!(head in record)) return value;
  // The last segment names a reference to expand; intermediate strings are expanded on the way.
  record[head] = expandPath(state, record[head], rest);
  return record;
}

/** Applies `expand[]` paths (`latest_invoice`, `data.customer`, `items.data.price.product`) to a response copy. */
export function applyExpand(state: State, body: unknown, paths: string[]): unknown {
  if (paths.length === 0 || typeof body !== 'object' || body === null) return body;
  let result: unknown = structuredClone(body);
  for (const path of paths.slice(0, 20)) result = expandPath(state, result, path.split('.'));
  return result;
}
