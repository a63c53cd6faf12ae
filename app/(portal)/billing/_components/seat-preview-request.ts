'use client'

import type { PlanChangeQuote } from '@/lib/billing/plan-change'
import { PreviewError } from './plan-preview-query'

/** Stripe's price of another seat count (POST /api/billing/seats/preview); refusals carry the reason. */
export async function requestSeatPreview(quantity: number): Promise<PlanChangeQuote> {
  const response = await fetch('/api/billing/seats/preview', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ quantity }),
  })
  const body = await response.json()
  if (!response.ok) throw new PreviewError(body?.error?.code ?? 'preview_failed', body?.error?.message ?? 'The preview failed. Please try again.')
  return body as PlanChangeQuote
}
