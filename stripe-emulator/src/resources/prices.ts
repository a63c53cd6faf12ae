import type Stripe from 'stripe';
import type { Ctx, Params } from '../types.js';
import { newId } from '../core/ids.js';
import { realNow } from '../core/time.js';
import { invalid, missingParam } from '../http/errors.js';
import { createdFilter, newestFirst, paginate } from '../http/list.js';
import {
  mergeMetadata, optBool, optEnum, optInt, optNullableString, optObject, optString, optStringArray, reqString,
} from '../http/params.js';
import { route, type Route } from '../http/router.js';
import { decimal } from '../objects/money.js';
import { getOrDeletedStub, getOrThrow, snapshot } from './common.js';

const INTERVALS = ['day', 'week', 'month', 'year'] as const;

/** The legacy `plan` Stripe still embeds beside `price` on subscription items. */
export function planFromPrice(price: Stripe.Price): Stripe.Plan {
  return {
    id: price.id,
    object: 'plan',
    active: price.active,
    amount: price.unit_amount,
    amount_decimal: price.unit_amount_decimal,
    billing_scheme: 'per_unit',
    created: price.created,
    currency: price.currency,
    interval: price.recurring?.interval ?? 'month',
    interval_count: price.recurring?.interval_count ?? 1,
    livemode: false,
    metadata: price.metadata,
    meter: null,
    nickname: price.nickname,
    product: price.product as string,
    tiers_mode: null,
    transform_usage: null,
    trial_period_days: null,
    usage_type: 'licensed',
  };
}

/** A lookup key belongs to one price; `transfer_lookup_key` moves it, otherwise a clash is an error. */
function claimLookupKey(ctx: Ctx, key: string | null | undefined, params: Params, ownerId: string): void {
  if (!key) return;
  const holder = Object.values(ctx.state.prices).find((p) => p.lookup_key === key && p.id !== ownerId);
  if (!holder) return;
  if (!optBool(params, 'transfer_lookup_key')) {
    throw invalid(`A price (\`${holder.id}\`) already uses that lookup key.`, 'lookup_key', 'lookup_key_already_exists');
  }
  const before = snapshot(holder);
  holder.lookup_key = null;
  ctx.emit('price.updated', holder, realNow(), before);
}

export function createPrice(ctx: Ctx, params: Params): Stripe.Price {
  const productData = optObject(params, 'product_data');
  let productId = optString(params, 'product');
  if (!productId && productData) {
    productId = newId('prod');
    const now = realNow();
    const product: Stripe.Product = {
      id: productId, object: 'product', active: true, created: now, default_price: null, description: null,
      images: [], livemode: false, marketing_features: [], metadata: {}, name: reqString(productData, 'name'),
      package_dimensions: null, shippable: null, statement_descriptor: null, tax_code: null, tax_details: null,
      type: 'service', unit_label: null, updated: now, url: null,
    };
    ctx.state.products[productId] = product;
    ctx.emit('product.created', product, now);
  }
  if (!productId) throw missingParam('product');
  getOrThrow(ctx.state, 'products', productId, 'product');
  const unitAmount = optInt(params, 'unit_amount') ?? Number(optString(params, 'unit_amount_decimal') ?? NaN);
  if (!Number.isFinite(unitAmount) || unitAmount < 0) throw missingParam('unit_amount');
  const recurringParams = optObject(params, 'recurring');
  const recurring: Stripe.Price.Recurring | null = recurringParams
    ? {
        interval: optEnum(recurringParams, 'interval', INTERVALS) ?? 'month',
        interval_count: optInt(recurringParams, 'interval_count') ?? 1,
        meter: null,
        trial_period_days: optInt(recurringParams, 'trial_period_days') ?? null,
        usage_type: 'licensed',
      }
    : null;
  const currency = reqString(params, 'currency').toLowerCase();
  if (!/^[a-z]{3}$/.test(currency)) throw invalid(`Invalid currency: ${currency}`, 'currency');
  const id = newId('price');
  const lookupKey = optNullableString(params, 'lookup_key') ?? null;
  claimLookupKey(ctx, lookupKey, params, id);
  const price: Stripe.Price = {
    id,
    object: 'price',
    active: optBool(params, 'active') ?? true,
    billing_scheme: 'per_unit',
    created: realNow(),
    currency,
    custom_unit_amount: null,
    livemode: false,
    lookup_key: lookupKey,
    metadata: mergeMetadata({}, params),
    nickname: optNullableString(params, 'nickname') ?? null,
    product: productId,
    recurring,
    tax_behavior: optEnum(params, 'tax_behavior', ['exclusive', 'inclusive', 'unspecified']) ?? 'unspecified',
    tiers_mode: null,
    transform_quantity: null,
    type: recurring ? 'recurring' : 'one_time',
    unit_amount: unitAmount,
    unit_amount_decimal: decimal(unitAmount),
  };
  ctx.state.prices[id] = price;
  ctx.emit('price.created', price, price.created);
  return price;
}

/** Subscription items embed their price; keep those copies current. */
function refreshEmbeddedPrice(ctx: Ctx, price: Stripe.Price): void {
  for (const subscription of Object.values(ctx.state.subscriptions)) {
    for (const item of subscription.items.data) {
      if (item.price.id !== price.id) continue;
      item.price = snapshot(price);
      item.plan = planFromPrice(price);
    }
  }
}

function update(ctx: Ctx, params: Params, [id]: string[]): Stripe.Price {
  const price = getOrThrow(ctx.state, 'prices', id as string);
  const before = snapshot(price);
  const active = optBool(params, 'active');
  if (active !== undefined) price.active = active;
  const nickname = optNullableString(params, 'nickname');
  if (nickname !== undefined) price.nickname = nickname;
  const lookupKey = optNullableString(params, 'lookup_key');
  if (lookupKey !== undefined) {
    claimLookupKey(ctx, lookupKey, params, price.id);
    price.lookup_key = lookupKey;
  }
  price.metadata = mergeMetadata(price.metadata, params);
  refreshEmbeddedPrice(ctx, price);
  ctx.emit('price.updated', price, realNow(), before);
  return price;
}

function list(ctx: Ctx, params: Params): unknown {
  const active = optBool(params, 'active');
  const product = optString(params, 'product');
  const type = optString(params, 'type');
  const currency = optString(params, 'currency');
  const lookupKeys = optStringArray(params, 'lookup_keys');
  const interval = optString(optObject(params, 'recurring') ?? {}, 'interval');
  const inRange = createdFilter(params);
  const prices = newestFirst(ctx.state.prices).filter(
    (p) =>
      (active === undefined || p.active === active) &&
      (!product || p.product === product) &&
      (!type || p.type === type) &&
      (!currency || p.currency === currency) &&
      (!lookupKeys || (p.lookup_key !== null && lookupKeys.includes(p.lookup_key))) &&
      (!interval || p.recurring?.interval === interval) &&
      inRange(p.created),
  );
  return paginate(prices, params, '/v1/prices');
}

export const priceRoutes: Route[] = [
  route('POST', '/v1/prices', (ctx, params) => createPrice(ctx, params)),
  route('GET', '/v1/prices', list),
  route('GET', '/v1/prices/:id', (ctx, _params, [id]) => getOrDeletedStub(ctx.state, 'prices', id as string)),
  route('POST', '/v1/prices/:id', update),
];
