import { AppError } from '@/lib/http/errors'

export interface ChangeBlocker {
  code: string
  message: string
}

/**
 * Plans change only on a subscription in good standing: active or trialing, nothing left unpaid. Otherwise a
 * customer could take a bigger plan, leave its invoice open, switch back and be credited for unpaid time.
 */
export function planChangeBlocker(status: string, hasOpenInvoice: boolean): ChangeBlocker | null {
  if (status === 'past_due' || status === 'unpaid') {
    return { code: 'payment_overdue', message: 'Your last payment failed. Pay the open invoice or update your card before changing plans.' }
  }
  if (status === 'incomplete') {
    return { code: 'payment_incomplete', message: 'Your first payment has not gone through yet. Complete it before changing plans.' }
  }
  if (status === 'paused') return { code: 'subscription_paused', message: 'Your subscription is paused. Resume it before changing plans.' }
  if (status !== 'active' && status !== 'trialing') return { code: 'no_subscription', message: 'You have no active subscription to change.' }
  if (hasOpenInvoice) return { code: 'open_invoice', message: 'You have an unpaid invoice. Pay it or update your card before changing plans.' }
  return null
}

export const refusalOf = (blocker: ChangeBlocker) => new AppError(blocker.code, blocker.message, 409)

export function assertPlanChangeable(status: string, hasOpenInvoice: boolean): void {
  const blocker = planChangeBlocker(status, hasOpenInvoice)
  if (blocker) throw refusalOf(blocker)
}

/** One change at a time: a change waiting for the period end is undone before another is made. */
export const changeScheduled = () =>
  new AppError('change_scheduled', 'A plan change is already scheduled for the end of this period. Undo it first, then choose again.', 409)
