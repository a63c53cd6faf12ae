import 'server-only'
import type { Viewer } from '@/lib/auth/claims'
import type { CouponTerms } from '@/lib/stripe/discounts'
import { previewFirstInvoice } from '@/lib/stripe/checkout'
import type { InvoicePreview } from '@/lib/stripe/subscriptions'
import { withDiscountRefusals } from './promotion-codes'
import { loadPurchase } from './subscribe'

export interface CheckoutQuote {
  plan: { priceId: string; name: string; interval: string }
  promotionCode: { code: string; coupon: CouponTerms }
  /** The first invoice as Checkout will charge it: Stripe's preview with the same discounts. */
  preview: InvoicePreview
}

/** What the first invoice comes to with the typed code, before the customer goes to Checkout with it. */
export async function previewCheckout(viewer: Viewer, priceId: string, promotionCode: string): Promise<CheckoutQuote> {
  const { plan, customerId, code } = await loadPurchase(viewer, priceId, promotionCode)
  const preview = await withDiscountRefusals(() => previewFirstInvoice(customerId, plan.priceId, [{ promotion_code: code!.promotionCodeId }]))
  return {
    plan: { priceId: plan.priceId, name: plan.name, interval: plan.interval },
    promotionCode: { code: code!.code, coupon: code!.coupon },
    preview,
  }
}
