import 'server-only'
import { getSetting, putSetting } from '@/lib/db/settings'
import type { Queryable } from '@/lib/db/types'
import { env } from '@/lib/env'

// public.usage_entitlement reads the switch under the same key.
export const ENFORCEMENT_SETTING = 'grace_enforcement'

/**
 * Whether an expired grace period holds a customer to the free plan: the admin switch stored in app_settings
 * when set (no deploy needed), else GRACE_ENFORCEMENT. Grace periods are tracked and shown either way.
 */
export async function isGraceEnforcementOn(tx: Queryable): Promise<boolean> {
  return enforcementOn(await getSetting<{ on: boolean }>(tx, ENFORCEMENT_SETTING))
}

/** The start-up setting, which applies until an admin sets the switch (`public.usage_entitlement` reads both). */
export const enforcementDefault = () => env.GRACE_ENFORCEMENT === 'on'

/** The stored switch when an admin set it, else the start-up setting. */
export function enforcementOn(stored: { on: boolean } | null): boolean {
  return stored ? stored.on : enforcementDefault()
}

/** Stores the admin's choice; the caller audits it in the same transaction. */
export async function setGraceEnforcement(tx: Queryable, on: boolean): Promise<void> {
  await putSetting(tx, ENFORCEMENT_SETTING, { on })
}
