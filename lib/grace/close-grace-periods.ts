import 'server-only'
import type Stripe from 'stripe'
import { auditStripeChange } from '@/lib/audit/stripe-change'
import { fromUnixSeconds } from '@/lib/clock'
import type { Queryable } from '@/lib/db/types'
import { GRACE_COLUMNS, type GracePeriod } from './grace-period'

/**
 * A deleted subscription closes its open or expired grace periods as canceled: there is no plan left to hold
 * the customer on. A resolved one stays resolved (a payment outranks the cancellation in any order).
 */
export async function closeGracePeriodsOfDeletedSubscription(tx: Queryable, event: Stripe.Event): Promise<void> {
  const subscription = event.data.object as Stripe.Subscription
  const closedAt = fromUnixSeconds(subscription.ended_at ?? subscription.canceled_at ?? event.created)
  const { rows: before } = await tx.query<GracePeriod>(
    `select ${GRACE_COLUMNS} from public.grace_periods where subscription_id = $1 and status in ('open', 'expired') for update`,
    [subscription.id],
  )
  for (const period of before) {
    const { rows } = await tx.query<GracePeriod>(
      `update public.grace_periods set status = 'canceled', closed_at = $2, closed_reason = 'subscription_canceled'
        where id = $1 returning ${GRACE_COLUMNS}`,
      [period.id, closedAt],
    )
    await auditStripeChange(tx, event, {
      action: 'grace_period.canceled',
      subject: { type: 'grace_period', id: period.id },
      userId: period.userId,
      before: period,
      after: rows[0],
    })
  }
}
