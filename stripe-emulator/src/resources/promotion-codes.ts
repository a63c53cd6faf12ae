import type Stripe from 'stripe';
import type { Ctx, Params } from '../types.js';
import { newId, randomToken } from '../core/ids.js';
import { realNow } from '../core/time.js';
import { invalid, missingParam } from '../http/errors.js';
import { createdFilter, newestFirst, paginate } from '../http/list.js';
import { mergeMetadata, optBool, optInt, optObject, optString } from '../http/params.js';
import { route, type Route } from '../http/router.js';
import { getOrThrow, snapshot } from './common.js';

const CODE = /^[A-Za-z0-9-]+$/;

function create(ctx: Ctx, params: Params): Stripe.PromotionCode {
  const now = realNow();
  const promotion = optObject(params, 'promotion');
  if (!promotion) throw missingParam('promotion');
  const couponId = optString(promotion, 'coupon');
  if (!couponId) throw missingParam('promotion[coupon]');
  const coupon = getOrThrow(ctx.state, 'coupons', couponId, 'promotion[coupon]');
  const code = optString(params, 'code') ?? randomToken(8).toUpperCase();
  if (!CODE.test(code)) throw invalid('A promotion code may contain only letters, digits and dashes.', 'code');
  const customer = optString(params, 'customer') ?? null;
  if (customer) getOrThrow(ctx.state, 'customers', customer, 'customer');
  const clash = Object.values(ctx.state.promotion_codes).some((other) =>
    other.active && other.code.toLowerCase() === code.toLowerCase() && (other.customer === null || customer === null || other.customer === customer));
  if (clash) throw invalid(`An active promotion code with \`code: ${code}\` already exists.`, 'code');
  const restrictions = optObject(params, 'restrictions') ?? {};
  const minimum = optInt(restrictions, 'minimum_amount');
  const minimumCurrency = optString(restrictions, 'minimum_amount_currency')?.toLowerCase();
  if (minimum !== undefined && !minimumCurrency) throw missingParam('restrictions[minimum_amount_currency]');
  const maxRedemptions = optInt(params, 'max_redemptions');
  if (maxRedemptions !== undefined && maxRedemptions <= 0) throw invalid('max_redemptions must be a positive integer.', 'max_redemptions');
  const expiresAt = optInt(params, 'expires_at');
  if (expiresAt !== undefined && expiresAt <= now) throw invalid('expires_at must be in the future.', 'expires_at');
  if (expiresAt !== undefined && coupon.redeem_by !== null && expiresAt > coupon.redeem_by) {
    throw invalid("The promotion code's expires_at cannot be after its coupon's redeem_by.", 'expires_at');
  }
  const promotionCode: Stripe.PromotionCode = {
    id: newId('promo'),
    object: 'promotion_code',
    active: optBool(params, 'active') ?? true,
    code,
    created: now,
    customer,
    customer_account: null,
    expires_at: expiresAt ?? null,
    livemode: false,
    max_redemptions: maxRedemptions ?? null,
    metadata: mergeMetadata({}, params),
    promotion: { coupon: coupon.id, type: 'coupon' },
    restrictions: {
      first_time_transaction: optBool(restrictions, 'first_time_transaction') ?? false,
      minimum_amount: minimum ?? null,
      minimum_amount_currency: minimum !== undefined ? minimumCurrency ?? null : null,
    },
    times_redeemed: 0,
  };
  ctx.state.promotion_codes[promotionCode.id] = promotionCode;
  ctx.emit('promotion_code.created', promotionCode, now);
  return promotionCode;
}

function update(ctx: Ctx, params: Params, [id]: string[]): Stripe.PromotionCode {
  const promotionCode = getOrThrow(ctx.state, 'promotion_codes', id as string);
  const before = snapshot(promotionCode);
  const active = optBool(params, 'active');
  if (active !== undefined) promotionCode.active = active;
  promotionCode.metadata = mergeMetadata(promotionCode.metadata, params);
  ctx.emit('promotion_code.updated', promotionCode, realNow(), before);
  return promotionCode;
}

function list(ctx: Ctx, params: Params): unknown {
  const active = optBool(params, 'active');
  const code = optString(params, 'code');
  const coupon = optString(params, 'coupon');
  const customer = optString(params, 'customer');
  const inRange = createdFilter(params);
  const codes = newestFirst(ctx.state.promotion_codes).filter((promo) =>
    (active === undefined || promo.active === active) && (!code || promo.code.toLowerCase() === code.toLowerCase()) &&
    (!coupon || promo.promotion.coupon === coupon) && (!customer || promo.customer === customer) && inRange(promo.created));
  return paginate(codes, params, '/v1/promotion_codes');
}

export const promotionCodeRoutes: Route[] = [
  route('POST', '/v1/promotion_codes', create),
  route('GET', '/v1/promotion_codes', list),
  route('GET', '/v1/promotion_codes/:id', (ctx, _params, [id]) => getOrThrow(ctx.state, 'promotion_codes', id as string)),
  route('POST', '/v1/promotion_codes/:id', update),
];
