import 'server-only'
import { asService } from '@/lib/db/transactions'

/**
 * Waits briefly for Stripe's webhook to bring the local row to the state a request just asked Stripe for, so
 * the page shows it at once. False when it has not landed yet (the page then looks again shortly).
 */
export async function waitForSubscriptionRow(expected: { subscriptionId: string; cancelAtPeriodEnd: boolean }, timeoutMs = 5000): Promise<boolean> {
  const { subscriptionId } = expected
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    const landed = await asService(async (tx) => {
      const { rows } = await tx.query(`select 1 from public.subscriptions where id = $1 and cancel_at_period_end = $2`, [subscriptionId, expected.cancelAtPeriodEnd])
      return rows.length > 0
    })
    if (landed) return true
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  return false
}
