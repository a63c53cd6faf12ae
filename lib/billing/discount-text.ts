import { formatMoney } from '@/lib/format'
import type { CouponTerms } from '@/lib/stripe/discounts'

/** "20% off" or "$5.00 off", in the viewer's locale when given. */
export function offText(coupon: Pick<CouponTerms, 'percentOff' | 'amountOff' | 'currency'>, locale?: string): string {
  if (coupon.percentOff !== null) {
    return `${new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 2 }).format(coupon.percentOff / 100)} off`
  }
  return `${formatMoney(coupon.amountOff ?? 0, coupon.currency ?? 'usd', locale)} off`
}

/** How long it lasts: "on one invoice", "for 3 months", "forever". */
export function durationText(coupon: Pick<CouponTerms, 'duration' | 'durationInMonths'>): string {
  if (coupon.duration === 'forever') return 'forever'
  if (coupon.duration === 'repeating') return coupon.durationInMonths === 1 ? 'for 1 month' : `for ${coupon.durationInMonths} months`
  return 'on one invoice'
}
