import 'server-only'

export type GraceStatus = 'open' | 'resolved' | 'expired' | 'canceled'

/** A grace period as stored: `open` until paid (resolved), past its deadline (expired) or the subscription ends (canceled). */
export interface GracePeriod {
  id: string
  userId: string | null
  subscriptionId: string
  invoiceId: string | null
  status: GraceStatus
  startedAt: Date
  endsAt: Date
  resolvedAt: Date | null
  expiredAt: Date | null
  closedAt: Date | null
  closedReason: string | null
  amountDue: number | null
  currency: string | null
}

export const GRACE_COLUMNS = `id, user_id as "userId", subscription_id as "subscriptionId", invoice_id as "invoiceId", status,
  started_at as "startedAt", ends_at as "endsAt", resolved_at as "resolvedAt", expired_at as "expiredAt",
  closed_at as "closedAt", closed_reason as "closedReason", amount_due::float8 as "amountDue", currency`
