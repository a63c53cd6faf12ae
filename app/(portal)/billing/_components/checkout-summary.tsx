'use client'

import { DiscountTerms } from '@/components/billing/discount-terms'
import { Button } from '@/components/ui/button'
import type { CheckoutQuote } from '@/lib/billing/checkout-preview'
import { formatMoney } from '@/lib/format'

interface Props {
  quote: CheckoutQuote
  pending: boolean
  onContinue: () => void
  onCancel: () => void
}

/** The first invoice with the typed code, as Stripe previews it, before the customer goes to Checkout. */
export function CheckoutSummary({ quote, pending, onContinue, onCancel }: Props) {
  const { preview, plan, promotionCode } = quote
  const money = (amount: number) => formatMoney(amount, preview.currency)
  const discount = preview.discount ?? 0
  return (
    <div aria-label="Checkout preview" role="region" className="mt-6 rounded-lg border border-indigo-200 bg-indigo-50/40 p-4">
      <dl className="mb-4 text-sm">
        <div className="flex justify-between gap-4 py-2">
          <dt>{plan.name}, first {plan.interval}</dt>
          <dd className="tabular-nums">{money(preview.subtotal)}</dd>
        </div>
        <div className="flex justify-between gap-4 border-t border-slate-100 py-2" data-testid="checkout-discount">
          <dt>Promotion code {promotionCode.code}: <DiscountTerms coupon={promotionCode.coupon} /></dt>
          <dd className="tabular-nums">{money(-discount)}</dd>
        </div>
        <div className="flex justify-between gap-4 border-t border-slate-300 py-2 text-lg font-semibold">
          <dt>Due today</dt>
          <dd className="tabular-nums" data-testid="checkout-amount-due">{money(preview.amountDue)}</dd>
        </div>
      </dl>
      <div className="flex flex-wrap gap-3">
        <Button onClick={onContinue} disabled={pending}>{pending ? 'Opening checkout…' : `Continue to checkout for ${plan.name}`}</Button>
        <Button variant="secondary" onClick={onCancel} disabled={pending}>Choose another plan</Button>
      </div>
    </div>
  )
}
