import 'server-only'
import type { AuditLogRow } from '@/lib/audit/queries'
import type { Viewer } from '@/lib/auth/claims'
import { assertStaff } from '@/lib/auth/require-admin'
import { getPlanByPrice, listPlans, type Plan } from '@/lib/billing/plans'
import { getCurrentSubscription, listInvoices, type CurrentSubscription, type InvoiceSummary } from '@/lib/billing/queries'
import { asService } from '@/lib/db/transactions'
import { GRACE_COLUMNS, type GracePeriod } from '@/lib/grace/grace-period'
import { listNotificationsOfUser, type NotificationRow } from '@/lib/notifications/queries'
import { getUsageSummary, type UsageSummary } from '@/lib/usage/queries'

export interface CustomerDetail {
  userId: string
  email: string | null
  stripeCustomerId: string | null
  subscription: CurrentSubscription | null
  plan: Plan | null
  /** The plans on offer, which an admin may move the customer to. */
  offeredPlans: Plan[]
  usage: UsageSummary
  invoices: InvoiceSummary[]
  gracePeriods: GracePeriod[]
  notifications: NotificationRow[]
  audit: AuditLogRow[]
  /** Requests to cancel, newest first, with the reason given (null when none was). */
  cancellations: Cancellation[]
}

export interface Cancellation {
  reason: string | null
  requestedAt: Date
  endsAt: Date | null
  resumedAt: Date | null
}

const RECENT = 20

/** Everything about one customer an admin needs on one page, or null when no such customer exists. */
export async function getCustomerDetail(viewer: Viewer, userId: string): Promise<CustomerDetail | null> {
  assertStaff(viewer)
  const detail = await asService(async (tx) => {
    const { rows } = await tx.query<{ email: string | null; stripeCustomerId: string | null }>(
      `select coalesce(c.email, u.email) as email, c.stripe_customer_id as "stripeCustomerId"
         from auth.users u left join public.customers c on c.user_id = u.id where u.id = $1`,
      [userId],
    )
    if (!rows[0]) return null
    const subscription = await getCurrentSubscription(tx, userId)
    const gracePeriods = await tx.query<GracePeriod>(
      `select ${GRACE_COLUMNS} from public.grace_periods where user_id = $1 order by started_at desc limit ${RECENT}`,
      [userId],
    )
    // The customer's trail: entries concerning them (user_id) — their own actions, Stripe's and admins' changes.
    const audit = await tx.query<AuditLogRow>(
      `select id, occurred_at as "occurredAt", actor_type as "actorType", actor_id as "actorId", action,
              subject_type as "subjectType", subject_id as "subjectId", user_id as "userId", before, after, context, hash
         from public.billing_audit_log where user_id = $1 order by id desc limit ${RECENT}`,
      [userId],
    )
    const cancellations = await tx.query<Cancellation>(
      `select reason, requested_at as "requestedAt", ends_at as "endsAt", resumed_at as "resumedAt"
         from public.subscription_cancellations where user_id = $1 order by requested_at desc limit ${RECENT}`,
      [userId],
    )
    return {
      userId,
      ...rows[0],
      cancellations: cancellations.rows,
      subscription,
      plan: subscription?.priceId ? await getPlanByPrice(tx, subscription.priceId) : null,
      offeredPlans: await listPlans(tx),
      invoices: await listInvoices(tx, userId, RECENT),
      gracePeriods: gracePeriods.rows,
      notifications: await listNotificationsOfUser(tx, userId, RECENT),
      audit: audit.rows,
    }
  })
  return detail && { ...detail, usage: await getUsageSummary(userId) }
}

