import { AppError } from '@/lib/http/errors'

/** What a usage request is told, allowed or refused; the X-Quota-* headers say the same. */
export interface UsageAnswer {
  metric: string
  used: number
  limit: number | null
  remaining: number | null
  resets_at: string
  /** While a failed payment's grace period is open. */
  warning: string | null
}

export type UsageOutcome = { allowed: true; answer: UsageAnswer } | { allowed: false; answer: UsageAnswer; refusal: AppError }

export function quotaHeaders(answer: UsageAnswer): Record<string, string> {
  return {
    'x-quota-limit': answer.limit === null ? 'unlimited' : String(answer.limit),
    'x-quota-remaining': answer.remaining === null ? 'unlimited' : String(answer.remaining),
    'x-quota-reset': String(Math.floor(Date.parse(answer.resets_at) / 1000)),
    ...(answer.warning ? { 'x-billing-warning': answer.warning } : {}),
  }
}

/**
 * 402 when an unpaid grace period holds the customer to the free plan and paying would allow this use, else
 * 429 until the period resets (paying would not help).
 */
export function refusalFor(answer: UsageAnswer, paymentWouldAllow: boolean, at: Date): AppError {
  const headers = quotaHeaders(answer)
  if (paymentWouldAllow) {
    return new AppError(
      'payment_required',
      `Your payment is overdue, so your plan is limited to the free plan, which does not allow more ${answer.metric}. Pay the open invoice on the billing page to restore your plan at once.`,
      402,
      headers,
    )
  }
  const retryAfter = Math.max(1, Math.ceil((Date.parse(answer.resets_at) - at.getTime()) / 1000))
  return new AppError(
    'quota_exceeded',
    `This would use more ${answer.metric} than your plan includes this period (${answer.limit}). It resets on ${answer.resets_at}; upgrade your plan on the billing page for more.`,
    429,
    { ...headers, 'retry-after': String(retryAfter) },
  )
}
