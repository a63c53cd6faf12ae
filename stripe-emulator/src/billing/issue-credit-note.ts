import type Stripe from 'stripe';
import type { Ctx } from '../types.js';
import { invalid } from '../http/errors.js';
import { buildRefund } from '../resources/refunds.js';
import { markPaid } from './collect.js';
import type { CreditNotePlan } from './credit-notes.js';
import { changeBalance } from './customer-balance.js';
import { chargeOfInvoice } from './invoice-payment.js';

const REFUND_REASONS: Partial<Record<string, Stripe.Refund.Reason>> = { duplicate: 'duplicate', fraudulent: 'fraudulent' };

/**
 * Issues a planned credit note: the pre-payment part lowers the open invoice's `amount_due` (an invoice
 * left owing nothing is paid), the post-payment part is refunded, credited to the customer's balance or
 * recorded as settled outside Stripe.
 */
export function issueCreditNote(ctx: Ctx, { invoice, note, refund, credit }: CreditNotePlan): Stripe.CreditNote {
  const now = note.created;
  const customer = ctx.state.customers[note.customer as string];
  if (refund > 0) {
    // The card charge that paid the invoice; one paid outside a charge (a credit note, $0) has none.
    const charge = chargeOfInvoice(ctx, invoice.id);
    const made = buildRefund({
      amount: refund, charge: charge?.id ?? null, created: now, currency: note.currency, customer: note.customer as string, metadata: {},
      payment_intent: charge?.payment_intent ?? null, payment_method: charge?.payment_method ?? null,
      reason: note.reason ? (REFUND_REASONS[note.reason] ?? 'requested_by_customer') : null,
    });
    ctx.state.refunds[made.id] = made;
    note.refunds = [{ amount_refunded: refund, payment_record_refund: null, refund: made.id, type: 'refund' }];
    ctx.emit('refund.created', made, now);
    if (charge) {
      const before = structuredClone(charge);
      charge.amount_refunded += refund;
      charge.refunded = charge.amount_refunded === charge.amount_captured;
      ctx.emit('charge.refunded', charge, now, before);
    }
  }
  if (credit > 0 && customer) {
    note.customer_balance_transaction = changeBalance(ctx, customer, {
      amount: -credit, type: 'credit_note', currency: note.currency, invoice: invoice.id, creditNote: note.id,
    }, now).id;
  }
  ctx.state.credit_notes[note.id] = note;
  const before = structuredClone(invoice);
  invoice.pre_payment_credit_notes_amount += note.pre_payment_amount;
  invoice.post_payment_credit_notes_amount += note.post_payment_amount;
  invoice.amount_due -= note.pre_payment_amount;
  invoice.amount_remaining -= note.pre_payment_amount;
  ctx.emit('credit_note.created', note, now);
  ctx.emit('invoice.updated', invoice, now, before);
  if (invoice.status === 'open' && invoice.amount_remaining === 0) markPaid(ctx, invoice, now, false);
  return note;
}

/** Voids a credit note, undoing what it did to the invoice and the customer's balance. */
export function voidCreditNote(ctx: Ctx, note: Stripe.CreditNote, now: number): Stripe.CreditNote {
  if (note.status === 'void') throw invalid(`Credit note ${note.id} is already void.`, 'id');
  if (note.refunds.length > 0) throw invalid(`Credit note ${note.id} refunded a payment, and a refund cannot be undone, so it cannot be voided.`, 'id');
  const invoice = ctx.state.invoices[note.invoice as string];
  if (invoice && note.pre_payment_amount > 0 && invoice.status !== 'open') {
    throw invalid(`Credit note ${note.id} lowered the amount due of invoice ${invoice.id}, which is no longer open, so it cannot be voided.`, 'id');
  }
  const customer = ctx.state.customers[note.customer as string];
  const transaction = note.customer_balance_transaction ? ctx.state.balance_transactions[note.customer_balance_transaction as string] : undefined;
  if (customer && transaction) {
    changeBalance(ctx, customer, { amount: -transaction.amount, type: 'credit_note', currency: note.currency, invoice: invoice?.id ?? null, creditNote: note.id }, now);
  }
  note.status = 'void';
  note.voided_at = now;
  ctx.emit('credit_note.voided', note, now);
  if (invoice) {
    const before = structuredClone(invoice);
    invoice.pre_payment_credit_notes_amount -= note.pre_payment_amount;
    invoice.post_payment_credit_notes_amount -= note.post_payment_amount;
    invoice.amount_due += note.pre_payment_amount;
    invoice.amount_remaining += note.pre_payment_amount;
    ctx.emit('invoice.updated', invoice, now, before);
  }
  return note;
}
