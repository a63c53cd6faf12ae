import 'server-only'
import { randomUUID } from 'node:crypto'
import type { Viewer } from '@/lib/auth/claims'
import { recordAudit } from '@/lib/audit/record'
import { fromUnixSeconds, now } from '@/lib/clock'
import { asService, asUser } from '@/lib/db/transactions'
import { AppError } from '@/lib/http/errors'
import { releaseSchedule, schedulePriceAtPeriodEnd, type PeriodEndChange } from '@/lib/stripe/schedules'
import { getSubscriptionPriceState } from '@/lib/stripe/subscriptions'
import { assertPlanChangeable, changeScheduled } from './change-eligibility'
import { isDowngrade } from './plan-change'
import { getPlanByPrice } from './plans'
import { getCurrentSubscription, getScheduledChange } from './queries'

export interface ScheduledChangeResult {
  subscriptionId: string
  toPlanName: string
  effectiveAt: string
}

async function loadDowngrade(viewer: Viewer, priceId: string) {
  return asUser(viewer.claims, async (tx) => {
    const subscription = await getCurrentSubscription(tx, viewer.id)
    if (!subscription?.priceId) throw new AppError('no_subscription', 'You have no active subscription to change.', 409)
    if (subscription.cancelAtPeriodEnd) {
      throw new AppError('cancellation_pending', 'Your subscription is set to end. Resume it before scheduling a plan change.', 409)
    }
    if (await getScheduledChange(tx, subscription.id, now())) throw changeScheduled()
    const [from, to] = [await getPlanByPrice(tx, subscription.priceId), await getPlanByPrice(tx, priceId)]
    if (!to?.offered) throw new AppError('unknown_plan', 'That plan is not available.', 404)
    if (!from || to.priceId === from.priceId) throw new AppError('same_plan', 'You are already on that plan.', 409)
    if (!isDowngrade(from, to)) {
      throw new AppError('not_a_downgrade', `${to.name} costs more than ${from.name}; upgrades apply now. Preview the change instead.`, 409)
    }
    return { subscription, from, to }
  })
}

/** Schedules a downgrade for the end of the current period, so the customer keeps what they paid for until then. */
export async function scheduleDowngrade(viewer: Viewer, priceId: string): Promise<ScheduledChangeResult> {
  const { subscription, from, to } = await loadDowngrade(viewer, priceId)
  // Judged against Stripe's own state: the local mirror may not have caught up yet.
  const state = await getSubscriptionPriceState(subscription.id)
  if (state.scheduled) throw changeScheduled()
  assertPlanChangeable(state.status, state.latestInvoiceOpen)
  if (state.priceId !== from.priceId || state.pending) throw new AppError('quote_stale', 'Your plan just changed. Reload the page and choose again.', 409)
  const change = {
    subscriptionId: subscription.id, fromPriceId: from.priceId, toPriceId: to.priceId,
    toInterval: to.interval as PeriodEndChange['toInterval'], quantity: subscription.quantity,
  }
  const { scheduleId, effectiveAt } = await schedulePriceAtPeriodEnd(change, `schedule-${randomUUID()}`)
  const at = now()
  await asService(async (tx) => {
    await tx.query(
      `insert into public.scheduled_plan_changes (subscription_id, user_id, schedule_id, from_price_id, to_price_id, effective_at, created_at)
       values ($1, $2, $3, $4, $5, $6, $7)
       on conflict (subscription_id) do update set schedule_id = excluded.schedule_id, from_price_id = excluded.from_price_id,
         to_price_id = excluded.to_price_id, effective_at = excluded.effective_at, created_at = excluded.created_at`,
      [subscription.id, viewer.id, scheduleId, from.priceId, to.priceId, fromUnixSeconds(effectiveAt), at],
    )
    await recordAudit(tx, {
      actor: { type: 'user', id: viewer.id },
      action: 'plan_change.scheduled',
      subject: { type: 'subscription', id: subscription.id },
      userId: viewer.id,
      before: { priceId: from.priceId, plan: from.name },
      after: { priceId: to.priceId, plan: to.name },
      context: { scheduleId, effectiveAt },
    })
  })
  return { subscriptionId: subscription.id, toPlanName: to.name, effectiveAt: fromUnixSeconds(effectiveAt).toISOString() }
}

/** Undoes a scheduled change: Stripe releases the schedule and the subscription renews on its current plan. */
export async function undoScheduledChange(viewer: Viewer): Promise<{ subscriptionId: string; keptPlanName: string }> {
  const pending = await asUser(viewer.claims, async (tx) => {
    const subscription = await getCurrentSubscription(tx, viewer.id)
    const { rows } = subscription
      ? await tx.query<{ scheduleId: string; toPriceId: string }>(
          `select schedule_id as "scheduleId", to_price_id as "toPriceId" from public.scheduled_plan_changes where subscription_id = $1`,
          [subscription.id],
        )
      : { rows: [] }
    const plan = subscription?.priceId ? await getPlanByPrice(tx, subscription.priceId) : null
    if (!subscription || !rows[0] || !plan) throw new AppError('no_scheduled_change', 'There is no scheduled plan change to undo.', 404)
    return { subscriptionId: subscription.id, plan, ...rows[0] }
  })
  await releaseSchedule(pending.scheduleId)
  await asService(async (tx) => {
    await tx.query(`delete from public.scheduled_plan_changes where subscription_id = $1`, [pending.subscriptionId])
    await recordAudit(tx, {
      actor: { type: 'user', id: viewer.id },
      action: 'plan_change.schedule_undone',
      subject: { type: 'subscription', id: pending.subscriptionId },
      userId: viewer.id,
      before: { scheduledPriceId: pending.toPriceId },
      after: { priceId: pending.plan.priceId, plan: pending.plan.name },
      context: { scheduleId: pending.scheduleId },
    })
  })
  return { subscriptionId: pending.subscriptionId, keptPlanName: pending.plan.name }
}
