import Stripe from 'stripe';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { customerWithCard, DAY, launch, type Harness } from './helpers';

const JAN_1 = 1_767_225_600; // 2026-01-01T00:00:00Z

describe('one-off invoices', () => {
  let harness: Harness;
  let stripe: Stripe;

  beforeEach(async () => {
    harness = await launch();
    stripe = harness.stripe;
  });
  afterEach(async () => harness.emulator.close());

  const failure = (promise: Promise<unknown>): Promise<unknown> => promise.then(() => null, (error: unknown) => error);
  /** The SDK walks `ending_before` pages towards the newest, so these come oldest first. */
  const typesSince = async (eventId: string) => {
    const types: string[] = [];
    for await (const event of stripe.events.list({ ending_before: eventId, limit: 100 })) types.push(event.type);
    return types;
  };
  const lastEventId = async () => (await stripe.events.list({ limit: 1 })).data[0]!.id;

  async function draftWithItem(customer: Stripe.Customer, params: Partial<Stripe.InvoiceCreateParams> = {}) {
    await stripe.invoiceItems.create({ customer: customer.id, amount: 2000, currency: 'usd', description: 'Consulting' });
    return stripe.invoices.create({ customer: customer.id, pending_invoice_items_behavior: 'include', ...params });
  }

  it('creates a draft that leaves pending items alone by default and includes them when asked', async () => {
    const customer = await customerWithCard(stripe);
    await stripe.invoiceItems.create({ customer: customer.id, amount: 2000, currency: 'usd' });
    const empty = await stripe.invoices.create({ customer: customer.id });
    expect(empty).toMatchObject({
      status: 'draft', billing_reason: 'manual', total: 0, auto_advance: false, collection_method: 'charge_automatically',
      number: null, due_date: null, automatically_finalizes_at: null, parent: null, currency: 'usd',
    });
    expect((await stripe.invoiceItems.list({ pending: true })).data).toHaveLength(1);
    const included = await stripe.invoices.create({ customer: customer.id, pending_invoice_items_behavior: 'include', description: 'March work' });
    expect(included).toMatchObject({ total: 2000, amount_due: 2000, description: 'March work' });
    expect(included.lines.data).toHaveLength(1);
    expect((await stripe.invoiceItems.list({ pending: true })).data).toHaveLength(0);
  });

  it('finalizes and charges with auto_advance, emitting Stripe’s events in order', async () => {
    const customer = await customerWithCard(stripe);
    const draft = await draftWithItem(customer);
    const updated = await stripe.invoices.update(draft.id, { description: 'Edited', metadata: { po: '42' } });
    expect(updated).toMatchObject({ description: 'Edited', metadata: { po: '42' } });
    const before = await lastEventId();
    const finalized = await stripe.invoices.finalizeInvoice(draft.id, { auto_advance: true });
    expect(finalized).toMatchObject({ status: 'paid', amount_paid: 2000, attempt_count: 1, auto_advance: false });
    expect(finalized.number).toMatch(/-0001$/);
    expect(await typesSince(before)).toEqual([
      'invoice.finalized', 'payment_intent.created', 'charge.succeeded', 'payment_intent.succeeded', 'invoice_payment.paid', 'invoice.paid', 'invoice.payment_succeeded',
    ]);
  });

  it('leaves a finalized invoice open without auto_advance until it is paid', async () => {
    const customer = await customerWithCard(stripe);
    const draft = await draftWithItem(customer);
    const open = await stripe.invoices.finalizeInvoice(draft.id);
    expect(open).toMatchObject({ status: 'open', attempted: false, amount_remaining: 2000 });
    expect(open.hosted_invoice_url).toContain(open.id);
    const again = await failure(stripe.invoices.finalizeInvoice(draft.id));
    expect(again).toMatchObject({ statusCode: 400, message: "This invoice is already finalized, you can't re-finalize a non-draft invoice." });
    const locked = await failure(stripe.invoices.update(draft.id, { collection_method: 'send_invoice', days_until_due: 3 }));
    expect(locked).toMatchObject({ statusCode: 400, code: 'invoice_not_editable' });
    expect(await stripe.invoices.update(draft.id, { metadata: { note: 'ok' } })).toMatchObject({ metadata: { note: 'ok' } });
    const paid = await stripe.invoices.pay(draft.id);
    expect(paid).toMatchObject({ status: 'paid', amount_paid: 2000 });
  });

  it('records a declined payment and accepts paid_out_of_band', async () => {
    const customer = await stripe.customers.create({});
    const failing = await stripe.paymentMethods.attach('pm_card_chargeCustomerFail', { customer: customer.id });
    const draft = await draftWithItem(customer);
    const declined = await failure(stripe.invoices.pay(draft.id, { payment_method: failing.id }));
    expect(declined).toBeInstanceOf(Stripe.errors.StripeCardError);
    expect(await stripe.invoices.retrieve(draft.id)).toMatchObject({ status: 'open', attempt_count: 1 });
    expect((await stripe.events.list({ type: 'invoice.payment_failed' })).data).toHaveLength(1);
    const outOfBand = await stripe.invoices.pay(draft.id, { paid_out_of_band: true });
    expect(outOfBand).toMatchObject({ status: 'paid', amount_paid: 2000 });
  });

  it('sends a send_invoice invoice with a due date and refuses to send one charged automatically', async () => {
    const clock = await stripe.testHelpers.testClocks.create({ frozen_time: JAN_1 });
    const customer = await stripe.customers.create({ email: 'bob@example.com', test_clock: clock.id });
    const draft = await draftWithItem(customer, { collection_method: 'send_invoice', days_until_due: 7 });
    expect(draft).toMatchObject({ collection_method: 'send_invoice', due_date: JAN_1 + 7 * DAY });
    const before = await lastEventId();
    const sent = await stripe.invoices.sendInvoice(draft.id);
    expect(sent.status).toBe('open');
    expect(await typesSince(before)).toEqual(['invoice.finalized', 'invoice.sent']);

    const noDue = await failure(stripe.invoices.create({ customer: customer.id, collection_method: 'send_invoice' }));
    expect(noDue).toMatchObject({ statusCode: 400, code: 'parameter_missing', param: 'days_until_due' });
    const wrongMethod = await failure(stripe.invoices.create({ customer: customer.id, days_until_due: 3 }));
    expect(wrongMethod).toMatchObject({ statusCode: 400, param: 'days_until_due' });
    const automatic = await stripe.invoices.create({ customer: customer.id });
    expect(await failure(stripe.invoices.sendInvoice(automatic.id))).toMatchObject({ statusCode: 400 });
  });

  it('voids open and uncollectible invoices only, and marks only open ones uncollectible', async () => {
    const customer = await customerWithCard(stripe);
    const draft = await draftWithItem(customer);
    expect(await failure(stripe.invoices.voidInvoice(draft.id))).toMatchObject({ statusCode: 400, code: 'invoice_not_editable' });
    expect(await failure(stripe.invoices.markUncollectible(draft.id))).toMatchObject({ statusCode: 400 });
    await stripe.invoices.finalizeInvoice(draft.id);
    const uncollectible = await stripe.invoices.markUncollectible(draft.id);
    expect(uncollectible).toMatchObject({ status: 'uncollectible', next_payment_attempt: null });
    expect(uncollectible.status_transitions.marked_uncollectible_at).not.toBeNull();
    expect(await failure(stripe.invoices.markUncollectible(draft.id))).toMatchObject({ statusCode: 400 });
    const voided = await stripe.invoices.voidInvoice(draft.id);
    expect(voided).toMatchObject({ status: 'void' });
    expect(await failure(stripe.invoices.voidInvoice(draft.id))).toMatchObject({ statusCode: 400 });
    expect(await failure(stripe.invoices.pay(draft.id))).toMatchObject({ statusCode: 400 });
    const types = (await stripe.events.list({ types: ['invoice.marked_uncollectible', 'invoice.voided'] })).data.map((e) => e.type);
    expect(types).toEqual(['invoice.voided', 'invoice.marked_uncollectible']);

    const paidLater = await draftWithItem(customer);
    await stripe.invoices.finalizeInvoice(paidLater.id);
    await stripe.invoices.markUncollectible(paidLater.id);
    expect(await stripe.invoices.pay(paidLater.id)).toMatchObject({ status: 'paid' });
  });

  it('deletes only drafts, returning their items to pending', async () => {
    const customer = await customerWithCard(stripe);
    const draft = await draftWithItem(customer);
    expect(await stripe.invoices.del(draft.id)).toEqual({ id: draft.id, object: 'invoice', deleted: true });
    expect(await stripe.invoices.retrieve(draft.id)).toMatchObject({ id: draft.id, deleted: true });
    expect((await stripe.invoiceItems.list({ pending: true })).data).toHaveLength(1);
    expect((await stripe.events.list({ type: 'invoice.deleted' })).data).toHaveLength(1);
    const open = await stripe.invoices.create({ customer: customer.id, pending_invoice_items_behavior: 'include' });
    await stripe.invoices.finalizeInvoice(open.id);
    expect(await failure(stripe.invoices.del(open.id))).toMatchObject({ statusCode: 400, message: 'You can only delete draft invoices.' });
  });

  it('finalizes an auto_advance draft about an hour after creation when the clock moves', async () => {
    const clock = await stripe.testHelpers.testClocks.create({ frozen_time: JAN_1 });
    const customer = await customerWithCard(stripe, 'pm_card_visa', { test_clock: clock.id });
    const draft = await draftWithItem(customer, { auto_advance: true });
    expect(draft.automatically_finalizes_at).toBe(JAN_1 + 3600);
    await stripe.testHelpers.testClocks.advance(clock.id, { frozen_time: JAN_1 + 2 * 3600 });
    expect(await stripe.invoices.retrieve(draft.id)).toMatchObject({
      status: 'paid', automatically_finalizes_at: null, status_transitions: { finalized_at: JAN_1 + 3600, paid_at: JAN_1 + 3600 },
    });
  });

  it('marks a zero-amount invoice paid when it is finalized', async () => {
    const customer = await stripe.customers.create({});
    const draft = await stripe.invoices.create({ customer: customer.id });
    expect(await stripe.invoices.finalizeInvoice(draft.id)).toMatchObject({ status: 'paid', amount_paid: 0 });
  });
});
