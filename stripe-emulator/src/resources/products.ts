import type Stripe from 'stripe';
import type { Ctx, Params } from '../types.js';
import { newId } from '../core/ids.js';
import { realNow } from '../core/time.js';
import { invalid } from '../http/errors.js';
import { createdFilter, newestFirst, paginate } from '../http/list.js';
import { mergeMetadata, optBool, optNullableString, optObject, optString, optStringArray, reqString } from '../http/params.js';
import { route, type Route } from '../http/router.js';
import { getOrDeletedStub, getOrThrow, snapshot } from './common.js';
import { createPrice } from './prices.js';

function buildProduct(params: Params, now: number): Stripe.Product {
  const id = optString(params, 'id') ?? newId('prod');
  return {
    id,
    object: 'product',
    active: optBool(params, 'active') ?? true,
    created: now,
    default_price: null,
    description: optNullableString(params, 'description') ?? null,
    images: optStringArray(params, 'images') ?? [],
    livemode: false,
    marketing_features: [],
    metadata: mergeMetadata({}, params),
    name: reqString(params, 'name'),
    package_dimensions: null,
    shippable: null,
    statement_descriptor: optNullableString(params, 'statement_descriptor') ?? null,
    tax_code: null,
    tax_details: null,
    type: 'service',
    unit_label: optNullableString(params, 'unit_label') ?? null,
    updated: now,
    url: optNullableString(params, 'url') ?? null,
  };
}

function create(ctx: Ctx, params: Params): Stripe.Product {
  const now = realNow();
  const product = buildProduct(params, now);
  if (ctx.state.products[product.id]) throw invalid(`Product already exists.`, 'id', 'resource_already_exists');
  ctx.state.products[product.id] = product;
  ctx.emit('product.created', product, now);
  const priceData = optObject(params, 'default_price_data');
  if (priceData) {
    const price = createPrice(ctx, { ...priceData, product: product.id });
    const before = snapshot(product);
    product.default_price = price.id;
    ctx.emit('product.updated', product, now, before);
  }
  return product;
}

function update(ctx: Ctx, params: Params, [id]: string[]): Stripe.Product {
  const product = getOrThrow(ctx.state, 'products', id as string);
  const before = snapshot(product);
  const name = optString(params, 'name');
  if (name !== undefined) product.name = name;
  const active = optBool(params, 'active');
  if (active !== undefined) product.active = active;
  for (const field of ['description', 'statement_descriptor', 'unit_label', 'url'] as const) {
    const value = optNullableString(params, field);
    if (value !== undefined) product[field] = value;
  }
  const defaultPrice = optNullableString(params, 'default_price');
  if (defaultPrice) getOrThrow(ctx.state, 'prices', defaultPrice, 'default_price');
  if (defaultPrice !== undefined) product.default_price = defaultPrice;
  const images = optStringArray(params, 'images');
  if (images) product.images = images;
  product.metadata = mergeMetadata(product.metadata, params);
  product.updated = realNow();
  ctx.emit('product.updated', product, product.updated, before);
  return product;
}

function list(ctx: Ctx, params: Params): unknown {
  const active = optBool(params, 'active');
  const ids = optStringArray(params, 'ids');
  const inRange = createdFilter(params);
  const products = newestFirst(ctx.state.products).filter(
    (p) => (active === undefined || p.active === active) && (!ids || ids.includes(p.id)) && inRange(p.created),
  );
  return paginate(products, params, '/v1/products');
}

function remove(ctx: Ctx, _params: Params, [id]: string[]): Stripe.DeletedProduct {
  const product = getOrThrow(ctx.state, 'products', id as string);
  if (Object.values(ctx.state.prices).some((price) => price.product === product.id)) {
    throw invalid('This product cannot be deleted because it has one or more user-created prices.', 'id');
  }
  delete ctx.state.products[product.id];
  ctx.state.deleted[product.id] = 'product';
  ctx.emit('product.deleted', product, realNow());
  return { id: product.id, object: 'product', deleted: true };
}

export const productRoutes: Route[] = [
  route('POST', '/v1/products', create),
  route('GET', '/v1/products', list),
  route('GET', '/v1/products/:id', (ctx, _params, [id]) => getOrDeletedStub(ctx.state, 'products', id as string)),
  route('POST', '/v1/products/:id', update),
  route('DELETE', '/v1/products/:id', remove),
];
