import 'server-only'
import { z } from 'zod'
import type { Viewer } from '@/lib/auth/claims'
import { assertStaff } from '@/lib/auth/require-admin'
import { getPlanByPrice } from '@/lib/billing/plans'
import { getCurrentSubscription } from '@/lib/billing/queries'
import { asService } from '@/lib/db/transactions'
import { AppError } from '@/lib/http/errors'
import type { Json } from '@/lib/http/json'
import { compSubscription } from '@/lib/stripe/admin-actions'
import { actionConfirmation } from './action-inputs'
import { runAdminActionOnce } from './action-requests'
import { stripeRefusal } from './stripe-refusal'

export const MAX_COMP_MONTHS = 24

export const compPreviewInput = z.object({ months: z.coerce.number().int().min(1).max(MAX_COMP_MONTHS) })
export const compInput = compPreviewInput.extend(actionConfirmation.shape)

/** What comping does: which plan's invoices become free, for how long, from which renewal. */
export interface CompPreview {
  subscriptionId: string
  months: number
  planName: string | null
  unitAmount: number | null
  currency: string | null
  interval: string | null
  nextRenewal: Date | null
}

export async function previewComp(viewer: Viewer, userId: string, input: z.infer<typeof compPreviewInput>): Promise<CompPreview> {
  assertStaff(viewer)
  return asService(async (tx) => {
    const subscription = await getCurrentSubscription(tx, userId)
    if (!subscription) throw new AppError('no_subscription', 'This customer has no live subscription to comp.', 409)
    const plan = subscription.priceId ? await getPlanByPrice(tx, subscription.priceId) : null
    return {
      subscriptionId: subscription.id,
      months: input.months,
      planName: plan?.name ?? null,
      unitAmount: plan?.unitAmount ?? null,
      currency: plan?.currency ?? null,
      interval: plan?.interval ?? null,
      nextRenewal: subscription.cancelAtPeriodEnd ? null : subscription.currentPeriodEnd,
    }
  })
}

/** Comps the customer's subscription for N months with a 100 % repeating coupon, once per key. */
export async function compCustomerSubscription(viewer: Viewer, userId: string, input: z.infer<typeof compInput>): Promise<Json<CompPreview & { couponId: string }>> {
  const { idempotencyKey, reason, months } = input
  return runAdminActionOnce(viewer, { key: idempotencyKey, action: 'subscription.comped', userId, params: { months, reason } }, async (stripeKey) => {
    const preview = await previewComp(viewer, userId, { months })
    const { couponId } = await stripeRefusal(() => compSubscription(preview.subscriptionId, months, reason, stripeKey))
    return {
      result: { ...preview, couponId },
      audit: {
        subject: { type: 'subscription', id: preview.subscriptionId },
        before: { compedMonths: 0 },
        after: { compedMonths: months, percentOff: 100 },
        context: { reason, months, couponId, planName: preview.planName },
      },
    }
  })
}
