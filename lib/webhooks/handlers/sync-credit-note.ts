import 'server-only'
import type Stripe from 'stripe'
import { auditStripeChange } from '@/lib/audit/stripe-change'
import { applyCreditNote } from '@/lib/billing/credit-note-sync'
import { getUserIdForStripeCustomer } from '@/lib/billing/customers'
import { idOf } from '@/lib/billing/stripe-refs'
import { fromUnixSeconds } from '@/lib/clock'
import type { Queryable } from '@/lib/db/types'

/** credit_note.created, .voided: the note as Stripe has it, shown on its invoice. */
export async function syncCreditNoteFromEvent(tx: Queryable, event: Stripe.Event, action: string): Promise<void> {
  const note = event.data.object as Stripe.CreditNote
  const outcome = await applyCreditNote(tx, note, fromUnixSeconds(event.created))
  if (!outcome.applied) return
  const customerId = idOf(note.customer)
  await auditStripeChange(tx, event, {
    action,
    subject: { type: 'credit_note', id: note.id },
    userId: customerId ? await getUserIdForStripeCustomer(tx, customerId) : null,
    before: outcome.before,
    after: outcome.after,
  })
}
