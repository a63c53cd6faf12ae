import type Stripe from 'stripe';
import { newId } from '../core/ids.js';

export interface NewDiscount {
  coupon: Stripe.Coupon;
  promotionCode: string | null;
  customer: string | null;
  subscription: string | null;
  checkoutSession?: string | null;
  start: number;
}

function addMonths(time: number, months: number): number {
  const date = new Date(time * 1000);
  const target = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(date.getUTCDate(), lastDay));
  target.setUTCHours(date.getUTCHours(), date.getUTCMinutes(), date.getUTCSeconds());
  return Math.floor(target.getTime() / 1000);
}

/** A coupon applied: `end` is set for `repeating` coupons only (`once` ends after its first invoice). */
export function buildDiscount(input: NewDiscount): Stripe.Discount {
  const { coupon } = input;
  return {
    id: newId('di'),
    object: 'discount',
    checkout_session: input.checkoutSession ?? null,
    customer: input.customer,
    customer_account: null,
    end: coupon.duration === 'repeating' && coupon.duration_in_months ? addMonths(input.start, coupon.duration_in_months) : null,
    invoice: null,
    invoice_item: null,
    promotion_code: input.promotionCode,
    source: { coupon: coupon.id, type: 'coupon' },
    start: input.start,
    subscription: input.subscription,
    subscription_item: null,
  };
}

/** Whether a coupon can still be redeemed at `now`. */
export function couponValid(coupon: Stripe.Coupon, now: number): boolean {
  if (coupon.redeem_by !== null && coupon.redeem_by <= now) return false;
  return coupon.max_redemptions === null || coupon.times_redeemed < coupon.max_redemptions;
}
