import 'server-only'
import type Stripe from 'stripe'
import { auditStripeChange } from '@/lib/audit/stripe-change'
import type { Queryable } from '@/lib/db/types'
import { queueGraceNotice } from './notices'
import { openGracePeriod } from './open-grace-period'
import { graceSubscriptionOf } from './policy'
import { resolveGracePeriod } from './resolve-grace-period'

/**
 * Applies what an invoice event means for grace periods, judged by the invoice's newest known state (the stored
 * row, which only moves forward) rather than by the event's type: Stripe may deliver `invoice.paid` before the
 * `invoice.payment_failed` of the same invoice, and both orders must end the same way.
 */
export async function applyInvoiceToGracePeriods(tx: Queryable, event: Stripe.Event): Promise<void> {
  const invoice = event.data.object as Stripe.Invoice
  const subscriptionId = graceSubscriptionOf(invoice)
  if (!subscriptionId) return
  const { rows } = await tx.query<{ status: string; attemptCount: number }>(
    `select status, attempt_count as "attemptCount" from public.invoices where id = $1`,
    [invoice.id],
  )
  const stored = rows[0] ?? { status: invoice.status ?? 'draft', attemptCount: invoice.attempt_count }
  if (invoice.status === 'paid') return resolve(tx, event, invoice, subscriptionId)
  if ((stored.status === 'open' || stored.status === 'uncollectible') && stored.attemptCount >= 1) {
    const opened = await openGracePeriod(tx, invoice, subscriptionId)
    if (!opened) return
    await auditStripeChange(tx, event, {
      action: opened.status === 'open' ? 'grace_period.opened' : 'grace_period.canceled',
      subject: { type: 'grace_period', id: opened.id },
      userId: opened.userId,
      before: null,
      after: opened,
    })
    if (opened.status === 'open') await queueGraceNotice(tx, 'grace_started', opened)
  }
}

async function resolve(tx: Queryable, event: Stripe.Event, invoice: Stripe.Invoice, subscriptionId: string): Promise<void> {
  const resolution = await resolveGracePeriod(tx, invoice, subscriptionId)
  if (!resolution) return
  const { before, after } = resolution
  await auditStripeChange(tx, event, { action: 'grace_period.resolved', subject: { type: 'grace_period', id: after.id }, userId: after.userId, before, after })
  // The customer hears of a recovery only when they were told of the failure (the period was open or expired).
  if (before?.status === 'open' || before?.status === 'expired') await queueGraceNotice(tx, 'payment_recovered', after)
}
