'use client'

import { useEffect, useState } from 'react'
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

const msUntilExpiry = (quote: PlanChangeQuote) => Date.parse(quote.expiresAt) - Date.now()

/** A refusal of the promotion code (shown under its field) rather than of the change itself. */
export const isCodeRefusal = (error: unknown): error is PreviewError => error instanceof PreviewError && error.code.startsWith('promotion_code_')

export interface PlanPreview {
  data: PlanChangeQuote | undefined
  error: Error | null
  /** Asking for a choice that has no quote yet. */
  isFetching: boolean
  /** Drops every kept quote: they were priced against a plan that has since changed. */
  forget: () => void
}

/**
 * The quote for switching to `priceId` (with `promotionCode`): one request per choice, kept for this visit while
 * the quote is valid, cancelled (its fetch aborted) when the choice changes before it answers, and asked again
 * when it expires.
 */
export function usePlanPreview(currentPriceId: string | null, priceId: string | null, promotionCode: string | null = null): PlanPreview {
  const choice = currentPriceId && priceId ? `${currentPriceId} ${priceId} ${promotionCode ?? ''}` : null
  const [quotes, setQuotes] = useState<ReadonlyMap<string, PlanChangeQuote>>(() => new Map())
  const [failure, setFailure] = useState<{ choice: string; error: Error } | null>(null)
  const kept = choice ? quotes.get(choice) : undefined

  useEffect(() => {
    if (!choice || !priceId) return
    const controller = new AbortController()
    const ask = () =>
      requestPreview(priceId, promotionCode, controller.signal).then(
        (quote) => setQuotes((current) => new Map(current).set(choice, quote)),
        (error: Error) => controller.signal.aborted || setFailure({ choice, error }),
      )
    // A kept quote is asked again when it expires; each new quote runs this effect again with its own expiry.
    const timer = kept ? setTimeout(ask, Math.max(1_000, msUntilExpiry(kept))) : undefined
    if (!kept) void ask()
    return () => {
      controller.abort()
      clearTimeout(timer)
    }
  }, [choice, priceId, promotionCode, kept])

  const error = !kept && failure?.choice === choice ? failure.error : null
  return { data: kept, error, isFetching: Boolean(choice) && !kept && !error, forget: () => setQuotes(new Map()) }
}
