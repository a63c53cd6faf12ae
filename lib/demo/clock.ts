import 'server-only'
import { recordAudit } from '@/lib/audit/record'
import type { Viewer } from '@/lib/auth/claims'
import { clockOffsetMs, now, setClockOffset, toUnixSeconds } from '@/lib/clock'
import { DEMO_CLOCK_SETTING, demoClockEnabled, readDemoClockOffset } from '@/lib/db/clock-offset'
import { putSetting } from '@/lib/db/settings'
import { asService } from '@/lib/db/transactions'
import { AppError } from '@/lib/http/errors'

export { demoClockEnabled }

const DAY_MS = 86_400_000

export interface DemoClockMove {
  /** The app's clock after the move. */
  now: Date
  offsetDays: number
}

export interface DemoClockDeps {
  enabled?: boolean
  /** Moves Stripe's test clocks to the app's new time (the emulator's, in demo mode). */
  moveStripeClocks?: (toUnixSeconds: number) => Promise<unknown>
  /** Runs what the daily jobs would have run in the days skipped. */
  runDailyJobs?: () => Promise<unknown>
}

async function storeOffset(viewer: Viewer, offsetMs: number, action: string): Promise<void> {
  await asService(async (tx) => {
    const before = await readDemoClockOffset(tx)
    await putSetting(tx, DEMO_CLOCK_SETTING, { offsetMs })
    await recordAudit(tx, {
      actor: { type: viewer.isAdmin ? 'admin' : 'user', id: viewer.id },
      action,
      subject: { type: 'demo_clock', id: 'app' },
      before: { offsetMs: before },
      after: { offsetMs },
    })
  })
  setClockOffset(offsetMs)
}

function refuseOutsideDemo(enabled: boolean): void {
  if (!enabled) throw new AppError('demo_only', 'The demo clock only runs in demo mode with the local Stripe emulator.', 403)
}

/** Moves the app's clock and Stripe's test clocks forward together, then runs the daily jobs at the new time. */
export async function advanceDemoClock(viewer: Viewer, days: number, deps: DemoClockDeps = {}): Promise<DemoClockMove> {
  refuseOutsideDemo(deps.enabled ?? demoClockEnabled)
  const offsetMs = clockOffsetMs() + days * DAY_MS
  await storeOffset(viewer, offsetMs, 'demo_clock.advanced')
  await deps.moveStripeClocks?.(toUnixSeconds(now()))
  await deps.runDailyJobs?.()
  return { now: now(), offsetDays: offsetMs / DAY_MS }
}

/** Back to real time. Stripe's test clocks only move forward, so customers on them stay where they are. */
export async function resetDemoClock(viewer: Viewer, deps: Pick<DemoClockDeps, 'enabled'> = {}): Promise<DemoClockMove> {
  refuseOutsideDemo(deps.enabled ?? demoClockEnabled)
  await storeOffset(viewer, 0, 'demo_clock.reset')
  return { now: now(), offsetDays: 0 }
}
