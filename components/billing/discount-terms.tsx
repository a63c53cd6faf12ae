import { LocalDate } from '@/components/ui/local-date'
import { durationText, offText } from '@/lib/billing/discount-text'
import type { CouponTerms } from '@/lib/stripe/discounts'

interface Props {
  coupon: CouponTerms
  /** The code the customer typed, when a promotion code applied it. */
  code?: string | null
  /** When the discount ends (a repeating coupon), ISO or unix seconds. */
  end?: string | number | null
}

/** "20% off for 3 months, until 4 March 2027 (LAUNCH20)". */
export function DiscountTerms({ coupon, code, end }: Props) {
  const until = typeof end === 'number' ? new Date(end * 1000) : end ? new Date(end) : null
  return (
    <span data-testid="discount-terms">
      {offText(coupon)} {durationText(coupon)}
      {until && <>, until <LocalDate value={until} /></>}
      {code && <> ({code})</>}
    </span>
  )
}
