'use server'

import { revalidatePath } from 'next/cache'
import { redirect } from 'next/navigation'
import { z } from 'zod'
import { requireViewer } from '@/lib/auth/session'
import { confirmPlanChange, waitForPlanChangeWebhooks } from '@/lib/billing/confirm-plan-change'
import { startCardUpdate } from '@/lib/billing/payment-method'
import { validatedAction } from '@/lib/http/action'

export const changePlanAction = validatedAction(z.object({ quoteId: z.uuid() }), async ({ quoteId }) => {
  const viewer = await requireViewer()
  const change = await confirmPlanChange(viewer, quoteId)
  const applied = await waitForPlanChangeWebhooks(change)
  revalidatePath('/billing')
  return { ...change, applied }
})

/** Sends the customer to Stripe's page for replacing their card. */
export async function updateCardAction(): Promise<void> {
  const viewer = await requireViewer()
  redirect(await startCardUpdate(viewer))
}
