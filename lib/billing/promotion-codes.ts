import 'server-only'
import { toUnixSeconds } from '@/lib/clock'
import type { Queryable } from '@/lib/db/types'
import { AppError } from '@/lib/http/errors'
import { formatMoney } from '@/lib/format'
import { discountRefusal, findPromotionCode, type CouponTerms, type PromotionCode } from '@/lib/stripe/discounts'

/** A code the customer may use on this purchase: what to send Stripe and what to show them. */
export interface AcceptedCode {
  promotionCodeId: string
  code: string
  coupon: CouponTerms
}

/** What the code is being redeemed for. */
export interface CodeTarget {
  customerId: string | null
  productId: string
  planName: string
  currency: string
  /** The purchase before discounts (price × seats), which `minimum_amount` is held against, as Stripe does. */
  amount: number
  /** Whether the customer has paid Stripe before (first-time codes refuse them). */
  hasPaid: boolean
  at: Date
}

const refuse = (code: string, message: string) => new AppError(code, message, 422)

/** Normalises what was typed: Stripe's codes are letters, digits and dashes, matched in any case. */
export function normaliseCode(typed: string): string {
  return typed.trim().toUpperCase()
}

/** The reasons Stripe would refuse this code for this purchase, checked first so the customer is told which. */
function checkCode(promo: PromotionCode, target: CodeTarget): void {
  const now = toUnixSeconds(target.at)
  if (!promo.active) throw refuse('promotion_code_inactive', `The code ${promo.code} is no longer active.`)
  if (promo.expiresAt !== null && promo.expiresAt <= now) throw refuse('promotion_code_expired', `The code ${promo.code} has expired.`)
  if (promo.maxRedemptions !== null && promo.timesRedeemed >= promo.maxRedemptions) {
    throw refuse('promotion_code_used_up', `The code ${promo.code} has been used as many times as it allows.`)
  }
  // The coupon behind it is used up or past its redeem-by date.
  if (!promo.coupon.valid) throw refuse('promotion_code_expired', `The offer behind ${promo.code} has ended.`)
  if (promo.customer !== null && promo.customer !== target.customerId) {
    throw refuse('promotion_code_not_yours', `The code ${promo.code} belongs to another account.`)
  }
  if (promo.coupon.products && !promo.coupon.products.includes(target.productId)) {
    throw refuse('promotion_code_not_for_plan', `The code ${promo.code} does not apply to the ${target.planName} plan.`)
  }
  if (promo.coupon.amountOff !== null && promo.coupon.currency !== target.currency) {
    throw refuse('promotion_code_not_for_plan', `The code ${promo.code} is for prices in ${promo.coupon.currency?.toUpperCase()}.`)
  }
  if (promo.firstTimeOnly && target.hasPaid) {
    throw refuse('promotion_code_first_time_only', `The code ${promo.code} is for new customers only, and you have paid before.`)
  }
  const minimum = promo.minimumAmount
  if (minimum && (minimum.currency !== target.currency || target.amount < minimum.amount)) {
    throw refuse('promotion_code_minimum_amount', `The code ${promo.code} needs a purchase of at least ${formatMoney(minimum.amount, minimum.currency, 'en-US')}.`)
  }
}

/** Looks the typed code up in Stripe and checks it against the purchase; refusals say why (422). */
export async function acceptPromotionCode(typed: string, target: CodeTarget): Promise<AcceptedCode> {
  const code = normaliseCode(typed)
  const promo = await findPromotionCode(code)
  if (!promo) throw refuse('promotion_code_unknown', `There is no promotion code ${code}. Check the spelling.`)
  checkCode(promo, target)
  return { promotionCodeId: promo.id, code: promo.code, coupon: promo.coupon }
}

/** Whether the customer has a paid invoice with money on it (Stripe's "prior transactions"). */
export async function hasPaidBefore(tx: Queryable, userId: string): Promise<boolean> {
  const { rows } = await tx.query(`select 1 from public.invoices where user_id = $1 and status = 'paid' and amount_paid > 0 limit 1`, [userId])
  return rows.length > 0
}

/**
 * Stripe stays the judge: a refusal it makes that the checks above did not foresee (a code used up a moment ago)
 * reaches the customer as the same kind of 422, in Stripe's words.
 */
export async function withDiscountRefusals<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call()
  } catch (error) {
    const refusal = discountRefusal(error)
    if (!refusal) throw error
    throw refuse(refusal.expired ? 'promotion_code_expired' : 'promotion_code_refused', `Stripe refused the promotion code: ${refusal.message}`)
  }
}
