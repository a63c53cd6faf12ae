import 'server-only'
import { z } from 'zod'
import { recordAudit } from '@/lib/audit/record'
import type { Viewer } from '@/lib/auth/claims'
import { assertAdmin } from '@/lib/auth/require-admin'
import { adminFor } from '@/lib/billing/change-party'
import { attemptQuote, attemptRecord, confirmedChange, type ConfirmedPlanChange } from '@/lib/billing/confirm-plan-change'
import { previewChangeFor, type PlanChangeQuote } from '@/lib/billing/plan-change'
import { asService } from '@/lib/db/transactions'
import { AppError } from '@/lib/http/errors'
import type { Json } from '@/lib/http/json'
import { bumpCounter } from '@/lib/metrics/counters'
import { actionConfirmation } from './action-inputs'
import { runAdminActionOnce } from './action-requests'

export const planChangePreviewInput = z.object({ priceId: z.string().trim().min(1).max(255) })
export const planChangeInput = z.object({ quoteId: z.uuid() }).extend(actionConfirmation.shape)

/**
 * The customer's own exact preview of moving to `priceId`, asked by an admin. Admins only: a preview asks
 * Stripe and keeps a quote (on the audit log as the admin's), so support gets the 404 every action gives it.
 */
export async function previewCustomerPlanChange(admin: Viewer, userId: string, input: z.infer<typeof planChangePreviewInput>): Promise<PlanChangeQuote> {
  assertAdmin(admin)
  return previewChangeFor(adminFor(admin, userId), { priceId: input.priceId })
}

/**
 * Applies the previewed quote for the customer, once per key: the charge equals the preview to the cent, as it
 * does for the customer. A declined card changes nothing and is on the audit log too.
 */
export async function changeCustomerPlan(admin: Viewer, userId: string, input: z.infer<typeof planChangeInput>): Promise<Json<ConfirmedPlanChange>> {
  const { idempotencyKey, reason, quoteId } = input
  return runAdminActionOnce(admin, { key: idempotencyKey, action: 'plan_change.confirmed', userId, params: { quoteId, reason } }, async () => {
    const { quote, outcome } = await attemptQuote(userId, quoteId)
    const record = attemptRecord(quote, outcome)
    if (outcome.status === 'declined') {
      await asService((tx) => recordAudit(tx, { actor: { type: 'admin', id: admin.id }, userId, ...record, context: { ...record.context, reason } }))
      throw new AppError('card_declined', `The customer's card was declined; they stay on ${quote.fromPlan}. Confirm again once their card is updated.`, 402)
    }
    await asService((tx) => bumpCounter(tx, 'billing_plan_changes_total'))
    return { result: confirmedChange(quote, outcome), audit: { ...record, context: { ...record.context, reason, fromPlan: quote.fromPlan, toPlan: quote.toPlan } } }
  })
}
