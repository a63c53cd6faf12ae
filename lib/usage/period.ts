export interface Period {
  start: Date
  end: Date
}

/** The calendar month (UTC) around `at`: the free plan's billing period. */
export function calendarMonth(at: Date): Period {
  const start = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1))
  const end = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + 1, 1))
  return { start, end }
}

/**
 * Usage is counted per billing period: the paid subscription's current period while `at` falls in it, else
 * (free plan, no subscription, or a period Stripe has not renewed yet) the calendar month.
 */
export function usagePeriod(subscription: { currentPeriodStart: Date | null; currentPeriodEnd: Date | null; paid: boolean } | null, at: Date): Period {
  const start = subscription?.currentPeriodStart
  const end = subscription?.currentPeriodEnd
  if (subscription?.paid && start && end && start <= at && at < end) return { start, end }
  return calendarMonth(at)
}
