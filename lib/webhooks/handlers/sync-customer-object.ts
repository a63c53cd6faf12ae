import 'server-only'
import type Stripe from 'stripe'
import { auditStripeChange } from '@/lib/audit/stripe-change'
import { applyCreditNote } from '@/lib/billing/credit-note-sync'
import { getUserIdForStripeCustomer } from '@/lib/billing/customers'
import { applyRefund, type SyncOutcome } from '@/lib/billing/refund-sync'
import { idOf } from '@/lib/billing/stripe-refs'
import { fromUnixSeconds } from '@/lib/clock'
import type { Queryable } from '@/lib/db/types'

type CustomerObject = { id: string; customer: string | { id: string } | null }

/** Mirrors the object an event carries and audits what that changed, as an entry of the object's customer. */
async function syncCustomerObject<T extends CustomerObject>(
  tx: Queryable,
  event: Stripe.Event,
  action: string,
  subjectType: string,
  apply: (tx: Queryable, object: T, eventCreated: Date) => Promise<SyncOutcome<unknown>>,
): Promise<void> {
  const object = event.data.object as unknown as T
  const outcome = await apply(tx, object, fromUnixSeconds(event.created))
  if (!outcome.applied) return
  const customerId = idOf(object.customer)
  await auditStripeChange(tx, event, {
    action,
    subject: { type: subjectType, id: object.id },
    userId: customerId ? await getUserIdForStripeCustomer(tx, customerId) : null,
    before: outcome.before,
    after: outcome.after,
  })
}

/** refund.created, .updated, .failed: the refund as Stripe has it, shown on the invoice its PaymentIntent paid. */
export const syncRefundFromEvent = (tx: Queryable, event: Stripe.Event, action: string) =>
  syncCustomerObject<Stripe.Refund>(tx, event, action, 'refund', applyRefund)

/** credit_note.created, .voided: the note as Stripe has it, shown on its invoice. */
export const syncCreditNoteFromEvent = (tx: Queryable, event: Stripe.Event, action: string) =>
  syncCustomerObject<Stripe.CreditNote>(tx, event, action, 'credit_note', applyCreditNote)
