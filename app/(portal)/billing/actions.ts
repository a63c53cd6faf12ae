'use server'

import { revalidatePath } from 'next/cache'
import { z } from 'zod'
import { requireViewer } from '@/lib/auth/session'
import { confirmPlanChange, waitForPlanChangeWebhooks } from '@/lib/billing/confirm-plan-change'
import { validatedAction } from '@/lib/http/action'

export const changePlanAction = validatedAction(z.object({ quoteId: z.uuid() }), async ({ quoteId }) => {
  const viewer = await requireViewer()
  const change = await confirmPlanChange(viewer, quoteId)
  const applied = await waitForPlanChangeWebhooks(change)
  revalidatePath('/billing')
  return { ...change, applied }
})
