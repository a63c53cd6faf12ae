import 'server-only'
import type { Viewer } from '@/lib/auth/claims'
import { recordAudit } from '@/lib/audit/record'
import { asService, asUser } from '@/lib/db/transactions'
import { AppError } from '@/lib/http/errors'
import { payOpenInvoice, type PaymentAttempt } from '@/lib/stripe/invoices'
import { getCurrentGracePeriod } from './queries'

/**
 * Charges the invoice that holds the customer in a grace period to their card on file now (after they replaced
 * it), instead of waiting for Stripe's next retry. The `invoice.paid` webhook then resolves the grace period.
 */
export async function payOverdueInvoice(viewer: Viewer): Promise<PaymentAttempt> {
  const grace = await asUser(viewer.claims, (tx) => getCurrentGracePeriod(tx, viewer.id))
  if (!grace?.invoiceId) throw new AppError('nothing_overdue', 'There is no unpaid invoice to pay.', 409)
  const outcome = await payOpenInvoice(grace.invoiceId)
  await asService((tx) =>
    recordAudit(tx, {
      actor: { type: 'user', id: viewer.id },
      action: 'invoice.payment_retried',
      subject: { type: 'invoice', id: grace.invoiceId! },
      userId: viewer.id,
      after: { outcome },
      context: { gracePeriodId: grace.id },
    }),
  )
  return outcome
}
