import 'server-only'
import { recordAudit } from '@/lib/audit/record'
import { asService } from '@/lib/db/transactions'
import { logger } from '@/lib/log'
import { cancelSubscriptionNow } from '@/lib/stripe/cancel-subscription'

/**
 * With GRACE_CANCEL_SUBSCRIPTION=on: cancels in Stripe the subscriptions of expired grace periods that are
 * still live locally. Stripe is called with no transaction open; its `customer.subscription.deleted` webhook
 * then closes the grace period. A failed call is retried by the next run.
 */
export async function cancelSubscriptionsOfExpiredGracePeriods(limit = 50): Promise<{ canceled: number; cancelFailed: number }> {
  const due = await asService(async (tx) => {
    const { rows } = await tx.query<{ id: string; subscriptionId: string; userId: string | null }>(
      `select g.id, g.subscription_id as "subscriptionId", g.user_id as "userId" from public.grace_periods g
         join public.subscriptions s on s.id = g.subscription_id
        where g.status = 'expired' and s.status not in ('canceled', 'incomplete_expired')
        order by g.expired_at limit $1`,
      [limit],
    )
    return rows
  })
  const counts = { canceled: 0, cancelFailed: 0 }
  for (const period of due) {
    try {
      const outcome = await cancelSubscriptionNow(period.subscriptionId, `grace-cancel-${period.id}`)
      await asService((tx) =>
        recordAudit(tx, {
          actor: { type: 'system', id: 'grace-periods' },
          action: 'subscription.cancel_requested',
          subject: { type: 'subscription', id: period.subscriptionId },
          userId: period.userId,
          after: { outcome },
          context: { gracePeriodId: period.id, reason: 'grace_period_expired' },
        }),
      )
      counts.canceled += 1
    } catch (error) {
      counts.cancelFailed += 1
      logger.warn({ err: error, gracePeriodId: period.id }, 'canceling the subscription of an expired grace period failed')
    }
  }
  return counts
}
