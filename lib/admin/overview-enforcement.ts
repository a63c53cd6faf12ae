import 'server-only'
import { z } from 'zod'
import { recordAudit } from '@/lib/audit/record'
import type { Viewer } from '@/lib/auth/claims'
import { getSetting } from '@/lib/db/settings'
import { asService } from '@/lib/db/transactions'
import type { Queryable } from '@/lib/db/types'
import { noSuchRoute } from '@/lib/http/errors'
import { isGraceEnforcementOn, setGraceEnforcement } from '@/lib/usage/enforcement-switch'

export interface GraceEnforcementState {
  on: boolean
  /** Whether an admin set it (app_settings) or it follows GRACE_ENFORCEMENT. */
  source: 'admin' | 'environment'
}

export const graceEnforcementInputSchema = z.object({ on: z.boolean() }).strict()

export async function getGraceEnforcementState(tx: Queryable): Promise<GraceEnforcementState> {
  const stored = await getSetting<{ on: boolean }>(tx, 'grace_enforcement')
  return { on: await isGraceEnforcementOn(tx), source: stored ? 'admin' : 'environment' }
}

/** Turns grace enforcement on or off for every customer, audited with the state before and after. */
export async function switchGraceEnforcement(viewer: Viewer, on: boolean): Promise<GraceEnforcementState> {
  if (!viewer.isAdmin) throw noSuchRoute()
  return asService(async (tx) => {
    const before = await getGraceEnforcementState(tx)
    await setGraceEnforcement(tx, on)
    const after: GraceEnforcementState = { on, source: 'admin' }
    await recordAudit(tx, {
      actor: { type: 'admin', id: viewer.id },
      action: on ? 'grace_enforcement.turned_on' : 'grace_enforcement.turned_off',
      subject: { type: 'setting', id: 'grace_enforcement' },
      before,
      after,
      context: { email: viewer.email },
    })
    return after
  })
}
