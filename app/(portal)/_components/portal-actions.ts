'use server'

import { revalidatePath } from 'next/cache'
import { z } from 'zod'
import { requireViewer } from '@/lib/auth/session'
import { JOB_RUNNERS } from '@/lib/cron/run'
import { advanceDemoClock, resetDemoClock } from '@/lib/demo/clock'
import { moveDemoStripeClocks } from '@/lib/demo/test-clocks'
import { payOverdueInvoice } from '@/lib/grace/pay-overdue'
import { validatedAction } from '@/lib/http/action'

const DEMO_STEP_DAYS = 8
const noInput = z.object({}).strict()

/** Charges the invoice behind the grace banner to the card on file now. */
export const payOverdueInvoiceAction = validatedAction(noInput, async () => {
  const outcome = await payOverdueInvoice(await requireViewer())
  revalidatePath('/', 'layout')
  return outcome
})

/** Demo mode only (refused otherwise): 8 days later for the app and the demo customers' test clocks. */
export const advanceDemoClockAction = validatedAction(noInput, async () => {
  const viewer = await requireViewer()
  const move = await advanceDemoClock(viewer, DEMO_STEP_DAYS, { moveStripeClocks: moveDemoStripeClocks, runDailyJobs: () => JOB_RUNNERS['grace-periods']() })
  revalidatePath('/', 'layout')
  return { now: move.now.toISOString(), offsetDays: move.offsetDays }
})

export const resetDemoClockAction = validatedAction(noInput, async () => {
  const move = await resetDemoClock(await requireViewer())
  revalidatePath('/', 'layout')
  return { now: move.now.toISOString(), offsetDays: move.offsetDays }
})
