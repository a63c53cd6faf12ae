import 'server-only'
import { z } from 'zod'
import type { Viewer } from '@/lib/auth/claims'
import { assertStaff } from '@/lib/auth/require-admin'
import { getPlanByPrice } from '@/lib/billing/plans'
import { getCurrentSubscription } from '@/lib/billing/queries'
import { asService } from '@/lib/db/transactions'
import { AppError } from '@/lib/http/errors'
import type { Json } from '@/lib/http/json'
import { cancelSubscriptionNow } from '@/lib/stripe/cancel-subscription'
import { setCancelAtPeriodEnd } from '@/lib/stripe/cancellation'
import { actionConfirmation } from './action-inputs'
import { runAdminActionOnce } from './action-requests'
import { stripeRefusal } from './stripe-refusal'

export const cancelPreviewInput = z.object({ when: z.enum(['now', 'period_end']) })
export const cancelInput = cancelPreviewInput.extend(actionConfirmation.shape)

/** What cancelling will do: which subscription ends, and when. */
export interface CancelPreview {
  when: 'now' | 'period_end'
  subscriptionId: string
  planName: string | null
  status: string
  cancelAtPeriodEnd: boolean
  currentPeriodEnd: Date | null
  /** When the customer loses the plan: now, or the end of the period they paid for. */
  endsAt: Date | null
}

export async function previewCancel(viewer: Viewer, userId: string, input: z.infer<typeof cancelPreviewInput>): Promise<CancelPreview> {
  assertStaff(viewer)
  const { subscription, planName } = await asService(async (tx) => {
    const current = await getCurrentSubscription(tx, userId)
    return { subscription: current, planName: current?.priceId ? ((await getPlanByPrice(tx, current.priceId))?.name ?? null) : null }
  })
  if (!subscription) throw new AppError('no_subscription', 'This customer has no live subscription to cancel.', 409)
  if (input.when === 'period_end' && subscription.cancelAtPeriodEnd) throw new AppError('already_canceling', 'This subscription already ends at the period end.', 409)
  return {
    when: input.when,
    subscriptionId: subscription.id,
    planName,
    status: subscription.status,
    cancelAtPeriodEnd: subscription.cancelAtPeriodEnd,
    currentPeriodEnd: subscription.currentPeriodEnd,
    endsAt: input.when === 'now' ? null : subscription.currentPeriodEnd,
  }
}

/** Cancels the customer's subscription now (no proration, no refund) or at the period end, once per key. */
export async function cancelCustomerSubscription(viewer: Viewer, userId: string, input: z.infer<typeof cancelInput>): Promise<Json<CancelPreview>> {
  const { idempotencyKey, reason, when } = input
  const action = when === 'now' ? 'subscription.canceled' : 'subscription.cancel_requested'
  return runAdminActionOnce(viewer, { key: idempotencyKey, action, userId, params: { when, reason } }, async (stripeKey) => {
    const preview = await previewCancel(viewer, userId, { when })
    if (when === 'now') await stripeRefusal(() => cancelSubscriptionNow(preview.subscriptionId, stripeKey))
    else await stripeRefusal(() => setCancelAtPeriodEnd(preview.subscriptionId, true, reason, stripeKey))
    return {
      result: preview,
      audit: {
        subject: { type: 'subscription', id: preview.subscriptionId },
        before: { status: preview.status, cancelAtPeriodEnd: preview.cancelAtPeriodEnd },
        after: when === 'now' ? { status: 'canceled', cancelAtPeriodEnd: preview.cancelAtPeriodEnd } : { status: preview.status, cancelAtPeriodEnd: true },
        context: { reason, when, planName: preview.planName },
      },
    }
  })
}
