import 'server-only'
import { getStripe } from './client'

export interface PeriodEndChange {
  subscriptionId: string
  fromPriceId: string
  toPriceId: string
  /** The new price's billing interval: the new phase runs one of it, then the schedule lets go. */
  toInterval: 'day' | 'week' | 'month' | 'year'
  quantity: number
}

/**
 * Puts the subscription on a schedule: the current period stays on its price, the next period starts on the new
 * one. The last phase runs one interval of the new price and the schedule then releases the subscription
 * (Stripe's default `end_behavior`), which keeps renewing on the new price. Call with no database transaction open.
 */
export async function schedulePriceAtPeriodEnd(change: PeriodEndChange, idempotencyKey: string): Promise<{ scheduleId: string; effectiveAt: number }> {
  const stripe = getStripe()
  const created = await stripe.subscriptionSchedules.create({ from_subscription: change.subscriptionId }, { idempotencyKey: `${idempotencyKey}-create` })
  const current = created.phases[0]!
  const updated = await stripe.subscriptionSchedules.update(
    created.id,
    {
      end_behavior: 'release',
      phases: [
        { items: [{ price: change.fromPriceId, quantity: change.quantity }], start_date: current.start_date, end_date: current.end_date },
        { items: [{ price: change.toPriceId, quantity: change.quantity }], proration_behavior: 'none', duration: { interval: change.toInterval, interval_count: 1 } },
      ],
    },
    { idempotencyKey: `${idempotencyKey}-phases` },
  )
  return { scheduleId: updated.id, effectiveAt: updated.phases[0]!.end_date }
}

/** Detaches the schedule; the subscription stays on the price it has now. A schedule already gone counts as done. */
export async function releaseSchedule(scheduleId: string): Promise<void> {
  const stripe = getStripe()
  const schedule = await stripe.subscriptionSchedules.retrieve(scheduleId)
  if (schedule.status !== 'active' && schedule.status !== 'not_started') return
  await stripe.subscriptionSchedules.release(scheduleId)
}
