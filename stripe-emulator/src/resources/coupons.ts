import type Stripe from 'stripe';
import type { Ctx, Params } from '../types.js';
import { randomToken } from '../core/ids.js';
import { realNow } from '../core/time.js';
import { invalid, missingParam } from '../http/errors.js';
import { createdFilter, newestFirst, paginate } from '../http/list.js';
import { mergeMetadata, optEnum, optInt, optNullableString, optObject, optString, optStringArray } from '../http/params.js';
import { route, type Route } from '../http/router.js';
import { couponValid } from '../objects/discount.js';
import { getOrDeletedStub, getOrThrow, snapshot } from './common.js';

const DURATIONS = ['once', 'repeating', 'forever'] as const;

function optPercent(params: Params): number | undefined {
  const value = optString(params, 'percent_off');
  if (value === undefined) return undefined;
  const percent = Number(value);
  if (value === '' || !Number.isFinite(percent) || percent <= 0 || percent > 100) {
    throw invalid('percent_off must be a number greater than 0 and at most 100.', 'percent_off');
  }
  return percent;
}

function create(ctx: Ctx, params: Params): Stripe.Coupon {
  const now = realNow();
  const percentOff = optPercent(params);
  const amountOff = optInt(params, 'amount_off');
  const currency = optString(params, 'currency')?.toLowerCase();
  if (percentOff === undefined && amountOff === undefined) throw invalid('You must pass either percent_off or amount_off.', 'percent_off');
  if (percentOff !== undefined && amountOff !== undefined) {
    throw invalid('You may only specify one of these parameters: amount_off, percent_off.', 'amount_off', 'parameters_exclusive');
  }
  if (amountOff !== undefined && amountOff <= 0) throw invalid('amount_off must be a positive integer.', 'amount_off');
  if (amountOff !== undefined && !currency) throw missingParam('currency');
  const duration = optEnum(params, 'duration', DURATIONS) ?? 'once';
  const months = optInt(params, 'duration_in_months');
  if (duration === 'repeating' && months === undefined) throw missingParam('duration_in_months');
  if (duration !== 'repeating' && months !== undefined) {
    throw invalid('duration_in_months can only be set when duration is repeating.', 'duration_in_months');
  }
  if (months !== undefined && months <= 0) throw invalid('duration_in_months must be a positive integer.', 'duration_in_months');
  const maxRedemptions = optInt(params, 'max_redemptions');
  if (maxRedemptions !== undefined && maxRedemptions <= 0) throw invalid('max_redemptions must be a positive integer.', 'max_redemptions');
  const redeemBy = optInt(params, 'redeem_by');
  if (redeemBy !== undefined && redeemBy <= now) throw invalid('redeem_by must be in the future.', 'redeem_by');
  const products = optStringArray(optObject(params, 'applies_to') ?? {}, 'products');
  products?.forEach((product, i) => getOrThrow(ctx.state, 'products', product, `applies_to[products][${i}]`));
  const id = optString(params, 'id') ?? randomToken(8);
  if (ctx.state.coupons[id]) throw invalid('Coupon already exists.', 'id', 'resource_already_exists');
  const coupon: Stripe.Coupon = {
    id,
    object: 'coupon',
    amount_off: amountOff ?? null,
    ...(products ? { applies_to: { products } } : {}),
    created: now,
    currency: amountOff !== undefined ? currency ?? null : null,
    duration,
    duration_in_months: months ?? null,
    livemode: false,
    max_redemptions: maxRedemptions ?? null,
    metadata: mergeMetadata({}, params),
    name: optNullableString(params, 'name') ?? null,
    percent_off: percentOff ?? null,
    redeem_by: redeemBy ?? null,
    times_redeemed: 0,
    valid: true,
  };
  ctx.state.coupons[id] = coupon;
  ctx.emit('coupon.created', coupon, now);
  return coupon;
}

/** `valid` turns false once `redeem_by` has passed; refreshed whenever the coupon is read. */
export function refreshCoupon(coupon: Stripe.Coupon, now: number): Stripe.Coupon {
  coupon.valid = couponValid(coupon, now);
  return coupon;
}

function update(ctx: Ctx, params: Params, [id]: string[]): Stripe.Coupon {
  const coupon = getOrThrow(ctx.state, 'coupons', id as string);
  const before = snapshot(coupon);
  const name = optNullableString(params, 'name');
  if (name !== undefined) coupon.name = name;
  coupon.metadata = mergeMetadata(coupon.metadata, params);
  ctx.emit('coupon.updated', coupon, realNow(), before);
  return coupon;
}

/** Deleting a coupon stops new redemptions; discounts already made from it keep applying, as on Stripe. */
function remove(ctx: Ctx, _params: Params, [id]: string[]): Stripe.DeletedCoupon {
  const coupon = getOrThrow(ctx.state, 'coupons', id as string);
  delete ctx.state.coupons[coupon.id];
  ctx.state.retired_coupons[coupon.id] = coupon;
  ctx.state.deleted[coupon.id] = 'coupon';
  ctx.emit('coupon.deleted', coupon, realNow());
  return { id: coupon.id, object: 'coupon', deleted: true };
}

function list(ctx: Ctx, params: Params): unknown {
  const inRange = createdFilter(params);
  const now = realNow();
  const coupons = newestFirst(ctx.state.coupons).filter((coupon) => inRange(coupon.created)).map((coupon) => refreshCoupon(coupon, now));
  return paginate(coupons, params, '/v1/coupons');
}

export const couponRoutes: Route[] = [
  route('POST', '/v1/coupons', create),
  route('GET', '/v1/coupons', list),
  route('GET', '/v1/coupons/:id', (ctx, _params, [id]) => {
    const coupon = ctx.state.coupons[id as string];
    return coupon ? refreshCoupon(coupon, realNow()) : getOrDeletedStub(ctx.state, 'coupons', id as string);
  }),
  route('POST', '/v1/coupons/:id', update),
  route('DELETE', '/v1/coupons/:id', remove),
];
