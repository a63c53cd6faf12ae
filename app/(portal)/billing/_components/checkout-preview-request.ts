'use client'

import type { CheckoutQuote } from '@/lib/billing/checkout-preview'
import { PreviewError } from './plan-preview-query'

/** Stripe's preview of the first invoice with the typed code (POST /api/billing/checkout/preview). */
export async function requestCheckoutPreview(priceId: string, promotionCode: string): Promise<CheckoutQuote> {
  const response = await fetch('/api/billing/checkout/preview', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ priceId, promotionCode }),
  })
  const body = await response.json()
  if (!response.ok) throw new PreviewError(body?.error?.code ?? 'preview_failed', body?.error?.message ?? 'The preview failed. Please try again.')
  return body as CheckoutQuote
}
