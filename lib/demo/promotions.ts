import type Stripe from 'stripe'

/**
 * The demo's promotion codes: two to use (LAUNCH20, SAVE5) and one for each refusal (SUMMER25 expired, FIRSTMONTH
 * used up, STARTER15 for Starter only, WELCOME50 for first-time customers, BIGORDER from $50, RETIRED inactive).
 * Paula's subscription was bought with FIRSTMONTH, which used it up and makes her a paying customer, so WELCOME50
 * refuses her too.
 */
export const DEMO_PROMOTIONS = [
  { code: 'LAUNCH20', coupon: { id: 'demo-launch20', name: 'Launch offer', percent_off: 20, duration: 'repeating', duration_in_months: 3 } },
  { code: 'SAVE5', coupon: { id: 'demo-save5', name: 'Five off', amount_off: 500, currency: 'usd', duration: 'forever' } },
  { code: 'FIRSTMONTH', coupon: { id: 'demo-firstmonth', name: 'First month', amount_off: 500, currency: 'usd', duration: 'once' }, max_redemptions: 1 },
  { code: 'WELCOME50', coupon: { id: 'demo-welcome50', name: 'Welcome', percent_off: 50, duration: 'once' }, restrictions: { first_time_transaction: true } },
  { code: 'STARTER15', coupon: { id: 'demo-starter15', name: 'Starter deal', percent_off: 15, duration: 'forever' }, onlyFor: 'starter_monthly' },
  // Stripe refuses an expiry in the past, so this one expires seconds after it is seeded.
  { code: 'SUMMER25', coupon: { id: 'demo-summer25', name: 'Summer sale', percent_off: 25, duration: 'once' }, expiresInSeconds: 2 },
  { code: 'BIGORDER', coupon: { id: 'demo-bigorder', name: 'Big order', percent_off: 10, duration: 'once' }, restrictions: { minimum_amount: 5000, minimum_amount_currency: 'usd' } },
  { code: 'RETIRED', coupon: { id: 'demo-retired', name: 'Old campaign', percent_off: 30, duration: 'once' }, deactivate: true },
] as const

type DemoPromotion = (typeof DEMO_PROMOTIONS)[number]

async function ensurePromotion(stripe: Stripe, promotion: DemoPromotion, productOf: (lookupKey: string) => Promise<string>): Promise<string> {
  const existing = await stripe.promotionCodes.list({ code: promotion.code, limit: 1 })
  if (existing.data[0]) return existing.data[0].id
  const products = 'onlyFor' in promotion ? [await productOf(promotion.onlyFor)] : null
  const coupon = await stripe.coupons.retrieve(promotion.coupon.id).catch(() =>
    stripe.coupons.create({ ...promotion.coupon, ...(products ? { applies_to: { products } } : {}) }))
  const created = await stripe.promotionCodes.create({
    promotion: { type: 'coupon', coupon: coupon.id },
    code: promotion.code,
    ...('max_redemptions' in promotion ? { max_redemptions: promotion.max_redemptions } : {}),
    ...('restrictions' in promotion ? { restrictions: promotion.restrictions } : {}),
    ...('expiresInSeconds' in promotion ? { expires_at: Math.floor(Date.now() / 1000) + promotion.expiresInSeconds } : {}),
  })
  if ('deactivate' in promotion) await stripe.promotionCodes.update(created.id, { active: false })
  return created.id
}

/** Creates the demo codes once; answers each code's promotion code id. */
export async function seedDemoPromotions(stripe: Stripe, priceIds: Map<string, string>): Promise<Map<string, string>> {
  const productOf = async (lookupKey: string) => {
    const price = await stripe.prices.retrieve(priceIds.get(lookupKey)!)
    return typeof price.product === 'string' ? price.product : price.product.id
  }
  const ids = new Map<string, string>()
  for (const promotion of DEMO_PROMOTIONS) ids.set(promotion.code, await ensurePromotion(stripe, promotion, productOf))
  return ids
}
