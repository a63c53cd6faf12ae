import 'server-only'
import Stripe from 'stripe'
import { getStripe } from './client'
import { isStripeError } from './errors'

/** A coupon's terms, as the app shows and checks them. */
export interface CouponTerms {
  couponId: string
  name: string | null
  percentOff: number | null
  amountOff: number | null
  currency: string | null
  /** once, repeating or forever. */
  duration: string
  durationInMonths: number | null
  /** The products it is limited to (`applies_to.products`), or null for any. */
  products: string[] | null
  /** False once used up or past `redeem_by`. */
  valid: boolean
}

export interface PromotionCode {
  id: string
  code: string
  active: boolean
  /** Unix seconds. */
  expiresAt: number | null
  maxRedemptions: number | null
  timesRedeemed: number
  customer: string | null
  firstTimeOnly: boolean
  minimumAmount: { amount: number; currency: string } | null
  coupon: CouponTerms
}

/** A discount on a subscription: the coupon, the code that applied it, and when it began and ends (unix seconds). */
export interface SubscriptionDiscount {
  id: string
  coupon: CouponTerms
  promotionCode: string | null
  start: number
  end: number | null
}

/** The `discounts` parameter of a preview and of the update that must equal it. */
export type DiscountsParam = ({ discount: string } | { promotion_code: string })[]

function termsOf(coupon: Stripe.Coupon): CouponTerms {
  return {
    couponId: coupon.id,
    name: coupon.name ?? null,
    percentOff: coupon.percent_off ?? null,
    amountOff: coupon.amount_off ?? null,
    currency: coupon.currency ?? null,
    duration: coupon.duration,
    durationInMonths: coupon.duration_in_months ?? null,
    products: coupon.applies_to?.products ?? null,
    valid: coupon.valid,
  }
}

/** The promotion code a customer typed (any case, as Stripe matches codes), with its coupon; null when none has it. */
export async function findPromotionCode(code: string): Promise<PromotionCode | null> {
  const page = await getStripe().promotionCodes.list({ code, limit: 10, expand: ['data.promotion.coupon'] })
  // An active code wins over retired ones of the same text.
  const promo = page.data.find((entry) => entry.active) ?? page.data[0]
  const coupon = promo?.promotion.coupon
  if (!promo || !coupon || typeof coupon === 'string') return null
  return {
    id: promo.id,
    code: promo.code,
    active: promo.active,
    expiresAt: promo.expires_at,
    maxRedemptions: promo.max_redemptions,
    timesRedeemed: promo.times_redeemed,
    customer: typeof promo.customer === 'string' ? promo.customer : (promo.customer?.id ?? null),
    firstTimeOnly: promo.restrictions.first_time_transaction,
    minimumAmount: promo.restrictions.minimum_amount !== null
      ? { amount: promo.restrictions.minimum_amount, currency: promo.restrictions.minimum_amount_currency ?? 'usd' }
      : null,
    coupon: termsOf(coupon),
  }
}

/** The subscription's discounts with their coupons and codes (the webhook mirror asks when they change). */
export async function retrieveSubscriptionDiscounts(subscriptionId: string): Promise<SubscriptionDiscount[]> {
  const subscription = await getStripe().subscriptions.retrieve(subscriptionId, {
    expand: ['discounts.source.coupon', 'discounts.promotion_code'],
  })
  return subscription.discounts.flatMap((entry) => {
    if (typeof entry === 'string') return []
    const coupon = entry.source.coupon
    if (!coupon || typeof coupon === 'string') return []
    const promo = entry.promotion_code
    return [{
      id: entry.id,
      coupon: termsOf(coupon),
      promotionCode: promo && typeof promo !== 'string' ? promo.code : null,
      start: entry.start,
      end: entry.end,
    }]
  })
}

/** What Stripe said when it refused a discount, or null when the error is about something else. */
export function discountRefusal(error: unknown): { expired: boolean; message: string } | null {
  if (!isStripeError(error, 'StripeInvalidRequestError')) return null
  if (!error.param?.startsWith('discounts')) return null
  return { expired: error.code === 'coupon_expired', message: error.message }
}
