'use server'

import { revalidatePath } from 'next/cache'
import { headers } from 'next/headers'
import { redirect } from 'next/navigation'
import { z } from 'zod'
import { requireViewer } from '@/lib/auth/session'
import { cancelSubscription, resumeSubscription } from '@/lib/billing/cancellation'
import { confirmPlanChange, waitForPlanChangeWebhooks } from '@/lib/billing/confirm-plan-change'
import { cancelInput, previewInput, priceInput } from '@/lib/billing/inputs'
import { startCardUpdate } from '@/lib/billing/payment-method'
import { scheduleDowngrade, undoScheduledChange } from '@/lib/billing/scheduled-change'
import { startSubscriptionCheckout } from '@/lib/billing/subscribe'
import { waitForSubscriptionRow } from '@/lib/billing/subscription-landing'
import { validatedAction } from '@/lib/http/action'
import { returnOrigin } from '@/lib/http/same-origin'

export const changePlanAction = validatedAction(z.object({ quoteId: z.uuid() }), async ({ quoteId }) => {
  const viewer = await requireViewer()
  const change = await confirmPlanChange(viewer, quoteId)
  const applied = await waitForPlanChangeWebhooks(change)
  revalidatePath('/billing')
  return { ...change, applied }
})

export const scheduleDowngradeAction = validatedAction(priceInput, async ({ priceId }) => {
  const result = await scheduleDowngrade(await requireViewer(), priceId)
  revalidatePath('/billing')
  return result
})

export const undoScheduledChangeAction = validatedAction(z.object({}), async () => {
  const result = await undoScheduledChange(await requireViewer())
  revalidatePath('/billing')
  return result
})

export const cancelSubscriptionAction = validatedAction(cancelInput, async ({ reason }) => {
  const result = await cancelSubscription(await requireViewer(), reason)
  const applied = await waitForSubscriptionRow(result)
  revalidatePath('/billing')
  return { ...result, applied }
})

export const resumeSubscriptionAction = validatedAction(z.object({}), async () => {
  const result = await resumeSubscription(await requireViewer())
  const applied = await waitForSubscriptionRow(result)
  revalidatePath('/billing')
  return { ...result, applied }
})

/** Answers the Checkout page's address; the client navigates there (Stripe's page is another origin). */
export const startCheckoutAction = validatedAction(previewInput, async ({ priceId, promotionCode }) =>
  startSubscriptionCheckout(await requireViewer(), priceId, returnOrigin(await headers()), promotionCode),
)

/** Sends the customer to Stripe's page for replacing their card. */
export async function updateCardAction(): Promise<void> {
  const viewer = await requireViewer()
  redirect(await startCardUpdate(viewer, returnOrigin(await headers())))
}
