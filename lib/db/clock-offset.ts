import 'server-only'
import { setClockOffset } from '@/lib/clock'
import { isDemoMode, usesStripeEmulator } from '@/lib/env'
import { getSetting } from './settings'
import type { Queryable } from './types'

export const DEMO_CLOCK_SETTING = 'demo_clock'

/** Only a demo on the local emulator may move time: with a real Stripe key the stored offset is ignored. */
export const demoClockEnabled = isDemoMode && usesStripeEmulator

export async function readDemoClockOffset(tx: Queryable): Promise<number> {
  return (await getSetting<{ offsetMs: number }>(tx, DEMO_CLOCK_SETTING))?.offsetMs ?? 0
}

/** Called once the database opens: `now()` is synchronous, so the process keeps the offset in memory. */
export async function loadDemoClockOffset(db: Queryable, enabled = demoClockEnabled): Promise<void> {
  setClockOffset(enabled ? await readDemoClockOffset(db) : 0)
}
