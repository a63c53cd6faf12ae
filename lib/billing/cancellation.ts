import 'server-only'
import { randomUUID } from 'node:crypto'
import type { Viewer } from '@/lib/auth/claims'
import { recordAudit } from '@/lib/audit/record'
import { fromUnixSeconds, now } from '@/lib/clock'
import { asService, asUser } from '@/lib/db/transactions'
import { AppError } from '@/lib/http/errors'
import { setCancelAtPeriodEnd } from '@/lib/stripe/cancellation'
import { changeScheduled } from './change-eligibility'
import { getPlanByPrice } from './plans'
import { getCurrentSubscription, getScheduledChange } from './queries'

export const CANCEL_REASON_MAX = 500
const CANCELABLE = new Set(['active', 'trialing', 'past_due'])

export interface CancellationResult {
  subscriptionId: string
  planName: string
  /** When access ends (the period end); null once resumed. */
  endsAt: string | null
  /** Whether Stripe now has it set to end. */
  cancelAtPeriodEnd: boolean
}

async function loadSubscription(viewer: Viewer) {
  return asUser(viewer.claims, async (tx) => {
    const subscription = await getCurrentSubscription(tx, viewer.id)
    const plan = subscription?.priceId ? await getPlanByPrice(tx, subscription.priceId) : null
    if (!subscription || !plan) throw new AppError('no_subscription', 'You have no subscription to cancel or resume.', 409)
    const scheduled = await getScheduledChange(tx, subscription.id, now())
    return { subscription, plan, scheduled }
  })
}

/** Cancels at the end of the paid period, keeping the customer's optional reason for the team to read. */
export async function cancelSubscription(viewer: Viewer, givenReason: string | null): Promise<CancellationResult> {
  const reason = givenReason?.trim().slice(0, CANCEL_REASON_MAX) || null
  const { subscription, plan, scheduled } = await loadSubscription(viewer)
  if (plan.unitAmount === 0) throw new AppError('free_plan', 'The Free plan costs nothing, so there is nothing to cancel.', 409)
  if (subscription.cancelAtPeriodEnd) throw new AppError('already_canceling', 'Your subscription is already set to end.', 409)
  if (!CANCELABLE.has(subscription.status)) throw new AppError('not_cancelable', 'This subscription cannot be canceled in its current state.', 409)
  if (scheduled) throw changeScheduled()
  const state = await setCancelAtPeriodEnd(subscription.id, true, reason, `cancel-${randomUUID()}`)
  const endsAt = state.endsAt ? fromUnixSeconds(state.endsAt) : subscription.currentPeriodEnd
  await asService(async (tx) => {
    await tx.query(
      `insert into public.subscription_cancellations (subscription_id, user_id, reason, requested_at, ends_at) values ($1, $2, $3, $4, $5)`,
      [subscription.id, viewer.id, reason, now(), endsAt],
    )
    await recordAudit(tx, {
      actor: { type: 'user', id: viewer.id },
      action: 'subscription.cancel_requested',
      subject: { type: 'subscription', id: subscription.id },
      userId: viewer.id,
      before: { cancelAtPeriodEnd: false },
      after: { cancelAtPeriodEnd: true, endsAt },
      context: { reason, plan: plan.name },
    })
  })
  return { subscriptionId: subscription.id, planName: plan.name, endsAt: endsAt?.toISOString() ?? null, cancelAtPeriodEnd: true }
}

/** Takes back a cancellation before the period ends: the subscription renews as before. */
export async function resumeSubscription(viewer: Viewer): Promise<CancellationResult> {
  const { subscription, plan } = await loadSubscription(viewer)
  if (!subscription.cancelAtPeriodEnd) throw new AppError('not_canceling', 'Your subscription is not set to end, so there is nothing to resume.', 409)
  await setCancelAtPeriodEnd(subscription.id, false, null, `resume-${randomUUID()}`)
  await asService(async (tx) => {
    await tx.query(`update public.subscription_cancellations set resumed_at = $2 where subscription_id = $1 and resumed_at is null`, [subscription.id, now()])
    await recordAudit(tx, {
      actor: { type: 'user', id: viewer.id },
      action: 'subscription.resumed',
      subject: { type: 'subscription', id: subscription.id },
      userId: viewer.id,
      before: { cancelAtPeriodEnd: true },
      after: { cancelAtPeriodEnd: false },
      context: { plan: plan.name },
    })
  })
  return { subscriptionId: subscription.id, planName: plan.name, endsAt: null, cancelAtPeriodEnd: false }
}
