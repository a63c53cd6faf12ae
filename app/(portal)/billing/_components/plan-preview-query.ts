'use client'

import { useQuery } from '@tanstack/react-query'
import type { PlanChangeQuote } from '@/lib/billing/plan-change'

export class PreviewError extends Error {
  constructor(readonly code: string, message: string) {
    super(message)
  }
}

async function requestPreview(priceId: string, promotionCode: string | null, signal: AbortSignal): Promise<PlanChangeQuote> {
  const response = await fetch('/api/billing/preview', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ priceId, promotionCode }),
    signal,
  })
  const body = await response.json()
  if (!response.ok) throw new PreviewError(body?.error?.code ?? 'preview_failed', body?.error?.message ?? 'The preview failed. Please try again.')
  return body as PlanChangeQuote
}

const msUntilExpiry = (quote: PlanChangeQuote | undefined) => (quote ? Date.parse(quote.expiresAt) - Date.now() : 0)

/** A refusal of the promotion code (shown under its field) rather than of the change itself. */
export const isCodeRefusal = (error: unknown): error is PreviewError => error instanceof PreviewError && error.code.startsWith('promotion_code_')

/**
 * The quote for switching to `priceId` (with `promotionCode`): one request per choice, kept while the quote is
 * valid, cancelled (its fetch aborted) when the choice changes before it answers, and asked again when it expires.
 */
export function usePlanPreview(currentPriceId: string | null, priceId: string | null, promotionCode: string | null = null) {
  return useQuery({
    queryKey: ['plan-preview', currentPriceId, priceId, promotionCode],
    queryFn: ({ signal }) => requestPreview(priceId!, promotionCode, signal),
    enabled: Boolean(currentPriceId && priceId),
    staleTime: (query) => Math.max(0, msUntilExpiry(query.state.data)),
    refetchInterval: (query) => (query.state.data ? Math.max(1_000, msUntilExpiry(query.state.data)) : false),
  })
}
