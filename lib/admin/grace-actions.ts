import 'server-only'
import { z } from 'zod'
import type { Viewer } from '@/lib/auth/claims'
import { assertStaff } from '@/lib/auth/require-admin'
import { now } from '@/lib/clock'
import { asService } from '@/lib/db/transactions'
import type { Queryable } from '@/lib/db/types'
import { endGracePeriodAsComp, extendedDeadline, extendOpenGracePeriod, getGracePeriodOfUser } from '@/lib/grace/admin-changes'
import type { GracePeriod } from '@/lib/grace/grace-period'
import { AppError } from '@/lib/http/errors'
import { actionConfirmation } from './action-inputs'
import { runDatabaseActionOnce } from './action-requests'

export const MAX_EXTENSION_DAYS = 30

export const graceExtendPreviewInput = z.object({ gracePeriodId: z.uuid(), days: z.coerce.number().int().min(1).max(MAX_EXTENSION_DAYS) })
export const graceExtendInput = graceExtendPreviewInput.extend(actionConfirmation.shape)
export const graceEndPreviewInput = z.object({ gracePeriodId: z.uuid() })
export const graceEndInput = graceEndPreviewInput.extend(actionConfirmation.shape)

/** What extending or ending will do: the period as it stands, and its deadline after an extension. */
export interface GraceActionPreview {
  gracePeriodId: string
  status: GracePeriod['status']
  endsAt: Date
  endsAtAfter: Date | null
  amountDue: number | null
  currency: string | null
}

const stateOf = (period: GracePeriod) => ({ status: period.status, endsAt: period.endsAt, closedReason: period.closedReason })

async function loadPeriod(viewer: Viewer, userId: string, id: string, allowed: GracePeriod['status'][], tx?: Queryable): Promise<GracePeriod> {
  assertStaff(viewer)
  const period = tx ? await getGracePeriodOfUser(tx, userId, id) : await asService((service) => getGracePeriodOfUser(service, userId, id))
  if (!period) throw new AppError('not_found', 'This customer has no such grace period.', 404)
  if (!allowed.includes(period.status)) throw new AppError('grace_state', `This grace period is ${period.status}; that needs it ${allowed.join(' or ')}.`, 409)
  return period
}

const previewOf = (period: GracePeriod, endsAtAfter: Date | null): GraceActionPreview => ({
  gracePeriodId: period.id, status: period.status, endsAt: period.endsAt, endsAtAfter, amountDue: period.amountDue, currency: period.currency,
})

export async function previewGraceExtension(viewer: Viewer, userId: string, input: z.infer<typeof graceExtendPreviewInput>): Promise<GraceActionPreview> {
  const period = await loadPeriod(viewer, userId, input.gracePeriodId, ['open'])
  return previewOf(period, extendedDeadline(period, input.days))
}

export async function previewGraceEnd(viewer: Viewer, userId: string, input: z.infer<typeof graceEndPreviewInput>): Promise<GraceActionPreview> {
  return previewOf(await loadPeriod(viewer, userId, input.gracePeriodId, ['open', 'expired']), null)
}

/** Moves an open grace period's deadline `days` later, once per key. */
export async function extendGracePeriod(viewer: Viewer, userId: string, input: z.infer<typeof graceExtendInput>) {
  const { idempotencyKey, reason, ...params } = input
  return runDatabaseActionOnce(viewer, { key: idempotencyKey, action: 'grace_period.extended', userId, params: { ...params, reason } }, async (tx) => {
    const before = await loadPeriod(viewer, userId, params.gracePeriodId, ['open'], tx)
    const after = await extendOpenGracePeriod(tx, before.id, params.days)
    if (!after) throw new AppError('grace_state', 'This grace period closed meanwhile; reload the page.', 409)
    return { result: previewOf(after, null), audit: { subject: { type: 'grace_period', id: after.id }, before: stateOf(before), after: stateOf(after), context: { reason, days: params.days } } }
  })
}

/** Ends an open or expired grace period as a comp (resolved without payment), once per key. */
export async function endGracePeriod(viewer: Viewer, userId: string, input: z.infer<typeof graceEndInput>) {
  const { idempotencyKey, reason, ...params } = input
  return runDatabaseActionOnce(viewer, { key: idempotencyKey, action: 'grace_period.comped', userId, params: { ...params, reason } }, async (tx) => {
    const before = await loadPeriod(viewer, userId, params.gracePeriodId, ['open', 'expired'], tx)
    const after = await endGracePeriodAsComp(tx, before.id, now())
    if (!after) throw new AppError('grace_state', 'This grace period closed meanwhile; reload the page.', 409)
    return { result: previewOf(after, null), audit: { subject: { type: 'grace_period', id: after.id }, before: stateOf(before), after: stateOf(after), context: { reason } } }
  })
}
