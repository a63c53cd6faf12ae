import type Stripe from 'stripe';
import type { Ctx, Params } from '../types.js';
import { newId } from '../core/ids.js';
import { customerNow } from '../core/time.js';
import { invalid, missingParam } from '../http/errors.js';
import { mergeMetadata, optArray, optEnum, optInt, optString, reqString } from '../http/params.js';
import { decimal, formatMoney } from '../objects/money.js';
import { getOrThrow } from '../resources/common.js';
import { chargeOfInvoice } from './invoice-payment.js';

const REASONS = ['duplicate', 'fraudulent', 'order_change', 'product_unsatisfactory'] as const;

/** A credit note before it is issued, with how its amount splits (Stripe's pre- and post-payment parts). */
export interface CreditNotePlan {
  invoice: Stripe.Invoice;
  note: Stripe.CreditNote;
  refund: number;
  credit: number;
}

function issuedNotesOf(ctx: Ctx, invoiceId: string): Stripe.CreditNote[] {
  return Object.values(ctx.state.credit_notes).filter((note) => note.invoice === invoiceId && note.status === 'issued');
}

/** What earlier credit notes already took from an invoice line. */
function creditedOnLine(ctx: Ctx, invoiceId: string, lineId: string): number {
  return issuedNotesOf(ctx, invoiceId)
    .flatMap((note) => note.lines.data)
    .filter((line) => line.invoice_line_item === lineId)
    .reduce((sum, line) => sum + line.amount, 0);
}

function positive(params: Params, name: string): number | undefined {
  const value = optInt(params, name);
  if (value !== undefined && value < 0) throw invalid('This value must be greater than or equal to 0.', name);
  return value;
}

function noteLine(ctx: Ctx, invoice: Stripe.Invoice, params: Params, index: number): Stripe.CreditNoteLineItem {
  const param = (name: string): string => `lines[${index}][${name}]`;
  const type = optEnum(params, 'type', ['invoice_line_item', 'custom_line_item'] as const);
  if (!type) throw missingParam(param('type'));
  const quantity = positive(params, 'quantity');
  const base = {
    id: newId('cnli'), object: 'credit_note_line_item' as const, discount_amount: 0, discount_amounts: [], livemode: false,
    metadata: mergeMetadata({}, params), pretax_credit_amounts: [], tax_rates: [], taxes: [], type,
  };
  if (type === 'custom_line_item') {
    const unitAmount = positive(params, 'unit_amount');
    if (unitAmount === undefined) throw missingParam(param('unit_amount'));
    const description = optString(params, 'description');
    if (!description) throw missingParam(param('description'));
    const count = quantity ?? 1;
    return { ...base, amount: unitAmount * count, description, quantity: count, unit_amount: unitAmount, unit_amount_decimal: decimal(unitAmount) };
  }
  const lineId = optString(params, 'invoice_line_item');
  if (!lineId) throw missingParam(param('invoice_line_item'));
  const line = invoice.lines.data.find((candidate) => candidate.id === lineId);
  if (!line) throw invalid(`No such invoice line item: '${lineId}' on invoice ${invoice.id}`, param('invoice_line_item'), 'resource_missing');
  const unit = line.quantity ? Math.round(line.amount / line.quantity) : line.amount;
  const left = line.amount - creditedOnLine(ctx, invoice.id, line.id);
  const amount = optInt(params, 'amount') ?? (quantity !== undefined ? unit * quantity : left);
  if (amount > left) {
    throw invalid(`The credit note line amount (${formatMoney(amount, invoice.currency)}) exceeds what is left to credit on invoice line ${line.id} (${formatMoney(left, invoice.currency)}).`, param('amount'));
  }
  return {
    ...base, amount, description: line.description, invoice_line_item: line.id,
    quantity: quantity ?? null, unit_amount: quantity !== undefined ? unit : null, unit_amount_decimal: quantity !== undefined ? decimal(unit) : null,
  };
}

/**
 * Reads `credit_notes.create` (and `preview`) parameters against the invoice: the total comes from
 * `lines` or `amount`; it first lowers what an open invoice still asks for (`pre_payment_amount`), and
 * the rest (`post_payment_amount`) must be split exactly between `refund_amount`, `credit_amount` and
 * `out_of_band_amount`, as Stripe requires.
 */
export function planCreditNote(ctx: Ctx, params: Params): CreditNotePlan {
  const invoice = getOrThrow(ctx.state, 'invoices', reqString(params, 'invoice'), 'invoice');
  if (invoice.status !== 'open' && invoice.status !== 'paid') {
    throw invalid(`You can only create a credit note for an open or paid invoice; invoice ${invoice.id} is ${invoice.status}.`, 'invoice');
  }
  const lines = (optArray(params, 'lines') ?? []).map((line, index) => noteLine(ctx, invoice, line, index));
  const given = positive(params, 'amount');
  const fromLines = lines.reduce((sum, line) => sum + line.amount, 0);
  if (given === undefined && lines.length === 0) throw invalid('One of amount, lines, or shipping_cost must be provided.', 'amount');
  if (given !== undefined && lines.length > 0 && given !== fromLines) {
    throw invalid(`The amount (${given}) must equal the sum of the lines (${fromLines}).`, 'amount');
  }
  const total = given ?? fromLines;
  const money = (value: number): string => formatMoney(value, invoice.currency);
  const creditable = invoice.total - invoice.pre_payment_credit_notes_amount - invoice.post_payment_credit_notes_amount;
  if (total < 1) throw invalid('The credit note amount must be greater than 0.', given !== undefined ? 'amount' : 'lines');
  if (total > creditable) {
    throw invalid(`The credit note amount (${money(total)}) is greater than the amount that can still be credited on invoice ${invoice.id} (${money(creditable)}).`,
      given !== undefined ? 'amount' : 'lines');
  }
  const pre = invoice.status === 'open' ? Math.min(total, invoice.amount_remaining) : 0;
  const post = total - pre;
  const refund = positive(params, 'refund_amount') ?? 0;
  const credit = positive(params, 'credit_amount') ?? 0;
  const outOfBand = positive(params, 'out_of_band_amount');
  if (refund + credit + (outOfBand ?? 0) !== post) {
    throw invalid(`The sum of refund_amount, credit_amount and out_of_band_amount (${money(refund + credit + (outOfBand ?? 0))}) must equal the credit note's post-payment amount (${money(post)}).`,
      refund > 0 ? 'refund_amount' : credit > 0 ? 'credit_amount' : 'out_of_band_amount');
  }
  // What the card charge has left, refunds made directly included; an invoice paid without a charge counts its notes.
  const charge = chargeOfInvoice(ctx, invoice.id);
  const refunded = issuedNotesOf(ctx, invoice.id).flatMap((note) => note.refunds).reduce((sum, entry) => sum + entry.amount_refunded, 0);
  const refundable = charge ? charge.amount_captured - charge.amount_refunded : invoice.amount_paid - refunded;
  if (refund > refundable) {
    throw invalid(`Refund amount (${money(refund)}) is greater than the unrefunded amount paid on invoice ${invoice.id} (${money(refundable)}).`, 'refund_amount', 'amount_too_large');
  }
  const now = customerNow(ctx.state, invoice.customer as string);
  const id = newId('cn');
  const sequence = Object.values(ctx.state.credit_notes).filter((note) => note.invoice === invoice.id).length + 1;
  const note: Stripe.CreditNote = {
    id,
    object: 'credit_note',
    amount: total,
    amount_shipping: 0,
    created: now,
    currency: invoice.currency,
    customer: invoice.customer as string,
    customer_account: null,
    customer_balance_transaction: null,
    discount_amount: 0,
    discount_amounts: [],
    effective_at: optInt(params, 'effective_at') ?? now,
    invoice: invoice.id,
    lines: { object: 'list', data: lines, has_more: false, url: `/v1/credit_notes/${id}/lines` },
    livemode: false,
    memo: optString(params, 'memo') ?? null,
    metadata: mergeMetadata({}, params),
    number: `${invoice.number ?? invoice.id}-CN-${String(sequence).padStart(2, '0')}`,
    out_of_band_amount: outOfBand ?? null,
    pdf: `${ctx.baseUrl}/_emulator/credit_notes/${id}/pdf`,
    post_payment_amount: post,
    pre_payment_amount: pre,
    pretax_credit_amounts: [],
    reason: optEnum(params, 'reason', REASONS) ?? null,
    refunds: [],
    shipping_cost: null,
    status: 'issued',
    subtotal: total,
    subtotal_excluding_tax: total,
    total,
    total_excluding_tax: total,
    total_taxes: [],
    type: post === 0 ? 'pre_payment' : pre === 0 ? 'post_payment' : 'mixed',
    voided_at: null,
  };
  return { invoice, note, refund, credit };
}
