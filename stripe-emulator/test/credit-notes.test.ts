import Stripe from 'stripe';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { customerWithCard, launch, type Harness } from './helpers';

describe('credit notes', () => {
  let harness: Harness;
  let stripe: Stripe;
  let customer: Stripe.Customer;
  beforeEach(async () => {
    harness = await launch();
    stripe = harness.stripe;
    customer = await customerWithCard(stripe);
  });
  afterEach(async () => harness.emulator.close());

  /** A finalized one-off invoice of two lines (3,000 and 2,000), left open unless `pay`. */
  async function invoice(pay: boolean): Promise<Stripe.Invoice> {
    await stripe.invoiceItems.create({ customer: customer.id, amount: 3000, currency: 'usd', description: 'Seats' });
    await stripe.invoiceItems.create({ customer: customer.id, amount: 2000, currency: 'usd', description: 'Setup' });
    const draft = await stripe.invoices.create({ customer: customer.id, pending_invoice_items_behavior: 'include' });
    const open = await stripe.invoices.finalizeInvoice(draft.id, { auto_advance: false });
    return pay ? stripe.invoices.pay(open.id) : open;
  }

  const typesOf = async (): Promise<string[]> => (await stripe.events.list({ limit: 100 })).data.map((event) => event.type);

  it('credits an open invoice before payment: a lower amount_due and pre_payment_credit_notes_amount', async () => {
    const open = await invoice(false);
    const seats = open.lines.data.find((line) => line.description === 'Seats')!;
    const note = await stripe.creditNotes.create({
      invoice: open.id, reason: 'order_change', memo: 'One seat fewer',
      lines: [{ type: 'invoice_line_item', invoice_line_item: seats.id, amount: 1000 }],
    });
    expect(note).toMatchObject({
      object: 'credit_note', status: 'issued', type: 'pre_payment', amount: 1000, total: 1000, pre_payment_amount: 1000, post_payment_amount: 0,
      invoice: open.id, customer: customer.id, reason: 'order_change', memo: 'One seat fewer', number: `${open.number}-CN-01`,
    });
    expect(note.lines.data).toMatchObject([{ type: 'invoice_line_item', invoice_line_item: seats.id, amount: 1000, description: 'Seats' }]);
    expect(await stripe.invoices.retrieve(open.id)).toMatchObject({
      status: 'open', amount_due: 4000, amount_remaining: 4000, pre_payment_credit_notes_amount: 1000, post_payment_credit_notes_amount: 0,
    });
    expect(await typesOf()).toEqual(expect.arrayContaining(['credit_note.created', 'invoice.updated']));
    const pdf = await fetch(note.pdf);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
  });

  it('marks an open invoice paid when a credit note leaves nothing due', async () => {
    const open = await invoice(false);
    await stripe.creditNotes.create({ invoice: open.id, amount: 5000 });
    expect(await stripe.invoices.retrieve(open.id)).toMatchObject({ status: 'paid', amount_due: 0, amount_paid: 0, amount_remaining: 0 });
  });

  it('credits a paid invoice to the customer balance, with a balance transaction and customer.updated', async () => {
    const paid = await invoice(true);
    const note = await stripe.creditNotes.create({ invoice: paid.id, amount: 1500, credit_amount: 1500 });
    expect(note).toMatchObject({ type: 'post_payment', post_payment_amount: 1500, pre_payment_amount: 0, out_of_band_amount: null });
    expect(await stripe.invoices.retrieve(paid.id)).toMatchObject({ status: 'paid', post_payment_credit_notes_amount: 1500, amount_paid: 5000 });
    expect((await stripe.customers.retrieve(customer.id) as Stripe.Customer).balance).toBe(-1500);
    const transaction = await stripe.customers.retrieveBalanceTransaction(customer.id, note.customer_balance_transaction as string);
    expect(transaction).toMatchObject({ type: 'credit_note', amount: -1500, ending_balance: -1500, credit_note: note.id, invoice: paid.id });
    expect(await typesOf()).toEqual(expect.arrayContaining(['credit_note.created', 'customer.updated']));
  });

  it('refunds through a credit note and records settlements outside Stripe', async () => {
    const paid = await invoice(true);
    const note = await stripe.creditNotes.create({ invoice: paid.id, amount: 3000, refund_amount: 2000, out_of_band_amount: 1000, reason: 'duplicate' });
    expect(note.out_of_band_amount).toBe(1000);
    expect(note.refunds).toMatchObject([{ amount_refunded: 2000, type: 'refund' }]);
    const refund = await stripe.refunds.retrieve(note.refunds[0]!.refund as string);
    // The card charge that paid the invoice is refunded, as Stripe refunds it.
    expect(refund).toMatchObject({ amount: 2000, status: 'succeeded', reason: 'duplicate', charge: expect.stringMatching(/^ch_/), payment_intent: expect.stringMatching(/^pi_/) });
    expect(await stripe.charges.retrieve(refund.charge as string)).toMatchObject({ amount_refunded: 2000, refunded: false });
    await expect(stripe.creditNotes.create({ invoice: paid.id, amount: 2000, refund_amount: 2000 }))
      .resolves.toMatchObject({ amount: 2000 });
    await expect(stripe.creditNotes.voidCreditNote(note.id)).rejects.toMatchObject({ statusCode: 400 });
  });

  it('previews without issuing, then lists by invoice and customer and retrieves', async () => {
    const paid = await invoice(true);
    const preview = await stripe.creditNotes.preview({ invoice: paid.id, amount: 500, credit_amount: 500 });
    expect(preview).toMatchObject({ amount: 500, post_payment_amount: 500, status: 'issued' });
    expect((await stripe.creditNotes.list({ invoice: paid.id })).data).toHaveLength(0);
    expect((await stripe.customers.retrieve(customer.id) as Stripe.Customer).balance).toBe(0);
    const note = await stripe.creditNotes.create({
      invoice: paid.id, credit_amount: 700, lines: [{ type: 'custom_line_item', description: 'Goodwill', quantity: 1, unit_amount: 700 }],
    });
    expect((await stripe.creditNotes.list({ invoice: paid.id })).data.map((n) => n.id)).toEqual([note.id]);
    expect((await stripe.creditNotes.list({ customer: customer.id })).data.map((n) => n.id)).toEqual([note.id]);
    expect(await stripe.creditNotes.retrieve(note.id)).toMatchObject({ id: note.id, lines: { data: [{ type: 'custom_line_item', amount: 700, unit_amount: 700 }] } });
  });

  it('voids a credit note and undoes its effect on the invoice and the balance', async () => {
    const open = await invoice(false);
    const pre = await stripe.creditNotes.create({ invoice: open.id, amount: 1000 });
    const voided = await stripe.creditNotes.voidCreditNote(pre.id);
    expect(voided).toMatchObject({ status: 'void' });
    expect(voided.voided_at).toEqual(expect.any(Number));
    expect(await stripe.invoices.retrieve(open.id)).toMatchObject({ amount_due: 5000, amount_remaining: 5000, pre_payment_credit_notes_amount: 0 });
    const paid = await stripe.invoices.pay(open.id);
    const credit = await stripe.creditNotes.create({ invoice: paid.id, amount: 800, credit_amount: 800 });
    await stripe.creditNotes.voidCreditNote(credit.id);
    expect((await stripe.customers.retrieve(customer.id) as Stripe.Customer).balance).toBe(0);
    expect(await typesOf()).toContain('credit_note.voided');
    await expect(stripe.creditNotes.voidCreditNote(credit.id)).rejects.toMatchObject({ statusCode: 400 });
  });

  it('refuses a draft invoice, more than is creditable, and a split that does not add up', async () => {
    const draft = await stripe.invoices.create({ customer: customer.id });
    await expect(stripe.creditNotes.create({ invoice: draft.id, amount: 100 })).rejects.toMatchObject({ statusCode: 400, param: 'invoice' });
    const paid = await invoice(true);
    await expect(stripe.creditNotes.create({ invoice: paid.id, amount: 6000, credit_amount: 6000 })).rejects.toMatchObject({ statusCode: 400, param: 'amount' });
    await expect(stripe.creditNotes.create({ invoice: paid.id, amount: 1000, credit_amount: 500 })).rejects.toMatchObject({ statusCode: 400, param: 'credit_amount' });
    await stripe.creditNotes.create({ invoice: paid.id, amount: 4000, credit_amount: 4000 });
    await expect(stripe.creditNotes.create({ invoice: paid.id, amount: 1001, credit_amount: 1001 })).rejects.toMatchObject({ statusCode: 400, param: 'amount' });
    await expect(stripe.creditNotes.create({ invoice: 'in_missing', amount: 1 })).rejects.toMatchObject({ statusCode: 400, code: 'resource_missing' });
  });
});

describe('customer balance transactions', () => {
  let harness: Harness;
  let stripe: Stripe;
  beforeEach(async () => {
    harness = await launch();
    stripe = harness.stripe;
  });
  afterEach(async () => harness.emulator.close());

  it('credits a balance that the next invoice uses: starting_balance, ending_balance, a lower amount_due', async () => {
    const customer = await customerWithCard(stripe);
    const credit = await stripe.customers.createBalanceTransaction(customer.id, { amount: -1500, currency: 'usd', description: 'Apology' });
    expect(credit).toMatchObject({ object: 'customer_balance_transaction', type: 'adjustment', amount: -1500, ending_balance: -1500, description: 'Apology' });
    await stripe.invoiceItems.create({ customer: customer.id, amount: 1000, currency: 'usd' });
    const draft = await stripe.invoices.create({ customer: customer.id, pending_invoice_items_behavior: 'include' });
    const open = await stripe.invoices.finalizeInvoice(draft.id, { auto_advance: false });
    expect(open).toMatchObject({ starting_balance: -1500, ending_balance: -500, amount_due: 0 });
    expect((await stripe.customers.retrieve(customer.id) as Stripe.Customer).balance).toBe(-500);
    const listed = await stripe.customers.listBalanceTransactions(customer.id);
    expect(listed.data.map((t) => [t.type, t.amount, t.ending_balance])).toEqual([['applied_to_invoice', 1000, -500], ['adjustment', -1500, -1500]]);
    expect((await stripe.customers.listBalanceTransactions(customer.id, { invoice: open.id })).data).toHaveLength(1);
  });

  it('debits a balance, updates a description, and refuses another currency', async () => {
    const customer = await stripe.customers.create({ email: 'debt@example.com' });
    const debit = await stripe.customers.createBalanceTransaction(customer.id, { amount: 700, currency: 'usd' });
    expect((await stripe.customers.retrieve(customer.id) as Stripe.Customer).balance).toBe(700);
    const updated = await stripe.customers.updateBalanceTransaction(customer.id, debit.id, { description: 'Late fee', metadata: { ticket: '9' } });
    expect(updated).toMatchObject({ description: 'Late fee', metadata: { ticket: '9' }, amount: 700 });
    await expect(stripe.customers.createBalanceTransaction(customer.id, { amount: 100, currency: 'eur' })).rejects.toMatchObject({ statusCode: 400, param: 'currency' });
    await expect(stripe.customers.retrieveBalanceTransaction(customer.id, 'cbtxn_missing')).rejects.toMatchObject({ statusCode: 404 });
  });
});
