// The subscription's discount as the billing API reports it, read back against Stripe's own in test mode.
import type Stripe from 'stripe'
import type { SmokeContext } from './context'
import { SmokeFailure } from './http'
import { SmokeSkip, type Check } from './report'

interface DiscountView {
  id: string
  code: string | null
  coupon: { couponId: string; percentOff: number | null; amountOff: number | null; currency: string | null; duration: string; durationInMonths: number | null }
  start: string
  end: string | null
}

const termsText = (discount: DiscountView) =>
  `${discount.coupon.percentOff !== null ? `${discount.coupon.percentOff}%` : `${discount.coupon.amountOff} ${discount.coupon.currency}`} off ${discount.coupon.duration}` +
  `${discount.end ? ` until ${discount.end}` : ''}${discount.code ? ` (${discount.code})` : ''}`

function checkShape(discount: DiscountView): void {
  const { coupon } = discount
  if (!discount.id || !coupon?.couponId) throw new SmokeFailure(`a discount lacks its id or coupon: ${JSON.stringify(discount)}`)
  if ((coupon.percentOff === null) === (coupon.amountOff === null)) throw new SmokeFailure(`discount ${discount.id} is neither a percentage nor an amount off`)
  if (Number.isNaN(Date.parse(discount.start)) || (discount.end !== null && Date.parse(discount.end) <= Date.parse(discount.start))) {
    throw new SmokeFailure(`discount ${discount.id} has no start, or ends before it starts: ${discount.start} – ${discount.end}`)
  }
}

/** Stripe's discounts of the subscription, matched with what the API reported: the same ids, coupons and ends. */
async function compareWithStripe(stripe: Stripe, subscriptionId: string, reported: DiscountView[]): Promise<void> {
  const subscription = await stripe.subscriptions.retrieve(subscriptionId, { expand: ['discounts'] })
  const actual = subscription.discounts.filter((entry): entry is Stripe.Discount => typeof entry !== 'string')
  const ids = (list: { id: string }[]) => list.map((entry) => entry.id).sort().join(', ')
  if (ids(actual) !== ids(reported)) throw new SmokeFailure(`the billing API reports discounts [${ids(reported)}], Stripe has [${ids(actual)}]`)
  for (const discount of actual) {
    const mine = reported.find((entry) => entry.id === discount.id)!
    const coupon = typeof discount.source.coupon === 'string' ? discount.source.coupon : discount.source.coupon?.id
    const end = discount.end ? new Date(discount.end * 1000).toISOString() : null
    if (mine.coupon.couponId !== coupon || mine.end !== end) {
      throw new SmokeFailure(`discount ${discount.id}: the billing API says coupon ${mine.coupon.couponId} until ${mine.end}, Stripe ${coupon} until ${end}`)
    }
  }
}

/** Read-only: the subscription's discounts through GET /api/billing/subscription (and, in test mode, Stripe's). */
export const subscriptionDiscount = (ctx: SmokeContext, againstStripe: boolean): Check => ({
  name: 'subscription discount',
  run: async () => {
    const { subscription } = (await (await ctx.customer()).read('/api/billing/subscription')) as { subscription: { id: string; discounts?: DiscountView[] } | null }
    if (!subscription) throw new SmokeSkip('the smoke customer has no subscription')
    if (!Array.isArray(subscription.discounts)) throw new SmokeFailure('GET /api/billing/subscription reports no discounts list')
    subscription.discounts.forEach(checkShape)
    if (againstStripe) await compareWithStripe(ctx.stripe(), subscription.id, subscription.discounts)
    if (subscription.discounts.length === 0) {
      if (againstStripe) return 'no discount, as in Stripe'
      throw new SmokeSkip('the smoke customer has no discount to read back')
    }
    return `${subscription.discounts.map(termsText).join('; ')}${againstStripe ? ', as in Stripe' : ''}`
  },
})
