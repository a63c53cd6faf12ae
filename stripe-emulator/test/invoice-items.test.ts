import Stripe from 'stripe';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPlans, customerWithCard, DAY, launch, type Harness, type Plans } from './helpers';

const JAN_1 = 1_767_225_600; // 2026-01-01T00:00:00Z
const FEB_1 = JAN_1 + 31 * DAY;

describe('invoice items', () => {
  let harness: Harness;
  let stripe: Stripe;
  let plans: Plans;

  beforeEach(async () => {
    harness = await launch();
    stripe = harness.stripe;
    plans = await createPlans(stripe);
  });
  afterEach(async () => harness.emulator.close());

  it('creates a pending item from an amount with Stripe’s defaults', async () => {
    const customer = await stripe.customers.create({ email: 'items@example.com' });
    const item = await stripe.invoiceItems.create({ customer: customer.id, amount: 2000, currency: 'usd', description: 'Setup fee' });
    expect(item).toMatchObject({
      object: 'invoiceitem', amount: 2000, currency: 'usd', customer: customer.id, description: 'Setup fee', invoice: null,
      quantity: 1, proration: false, discountable: true, parent: null, metadata: {}, livemode: false, test_clock: null,
    });
    expect(item.id).toMatch(/^ii_/);
    expect(item.period).toEqual({ start: item.date, end: item.date });
    expect((await stripe.invoiceItems.retrieve(item.id)).amount).toBe(2000);
    const credit = await stripe.invoiceItems.create({ customer: customer.id, amount: -500, currency: 'usd' });
    expect(credit.discountable).toBe(false);
    const [event] = (await stripe.events.list({ type: 'invoiceitem.created', limit: 1 })).data;
    expect((event!.data.object as Stripe.InvoiceItem).id).toBe(credit.id);
  });

  it('prices an item from pricing.price or price_data, times the quantity', async () => {
    const customer = await stripe.customers.create({});
    const fromPrice = await stripe.invoiceItems.create({ customer: customer.id, pricing: { price: plans.pro.id }, quantity: 3 });
    expect(fromPrice).toMatchObject({ amount: 9000, currency: 'usd', quantity: 3, pricing: { price_details: { price: plans.pro.id } } });
    const fromData = await stripe.invoiceItems.create({
      customer: customer.id, price_data: { currency: 'eur', product: plans.pro.product as string, unit_amount: 250 }, quantity: 2,
    });
    expect(fromData).toMatchObject({ amount: 500, currency: 'eur' });
    const both = await stripe.invoiceItems.create({ customer: customer.id, amount: 100, currency: 'usd', pricing: { price: plans.pro.id } }).catch((e: unknown) => e);
    expect(both).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(both).toMatchObject({ code: 'parameters_exclusive' });
    const none = await stripe.invoiceItems.create({ customer: customer.id, currency: 'usd' }).catch((e: unknown) => e);
    expect(none).toMatchObject({ code: 'parameter_missing', param: 'amount' });
  });

  it('updates and deletes a pending item, and lists by customer, invoice and pending', async () => {
    const customer = await stripe.customers.create({});
    const other = await stripe.customers.create({});
    const item = await stripe.invoiceItems.create({ customer: customer.id, pricing: { price: plans.starter.id } });
    await stripe.invoiceItems.create({ customer: other.id, amount: 100, currency: 'usd' });
    const updated = await stripe.invoiceItems.update(item.id, { quantity: 2, description: 'Two seats', metadata: { seats: '2' } });
    expect(updated).toMatchObject({ amount: 2000, quantity: 2, description: 'Two seats', metadata: { seats: '2' } });
    expect((await stripe.invoiceItems.list({ customer: customer.id })).data.map((i) => i.id)).toEqual([item.id]);
    expect((await stripe.invoiceItems.list({ pending: true })).data).toHaveLength(2);
    expect((await stripe.invoiceItems.list({ pending: false })).data).toHaveLength(0);

    expect(await stripe.invoiceItems.del(item.id)).toEqual({ id: item.id, object: 'invoiceitem', deleted: true });
    expect(await stripe.invoiceItems.retrieve(item.id)).toMatchObject({ id: item.id, deleted: true });
    expect((await stripe.events.list({ type: 'invoiceitem.deleted' })).data).toHaveLength(1);
    expect((await stripe.invoiceItems.list({ customer: customer.id })).data).toHaveLength(0);
  });

  it('adds an item to a draft invoice and refuses to change one on a finalized invoice', async () => {
    const customer = await stripe.customers.create({});
    const draft = await stripe.invoices.create({ customer: customer.id });
    const item = await stripe.invoiceItems.create({ customer: customer.id, invoice: draft.id, amount: 1500, currency: 'usd' });
    const withItem = await stripe.invoices.retrieve(draft.id);
    expect(withItem).toMatchObject({ total: 1500, amount_due: 1500 });
    expect(withItem.lines.data[0]!.parent).toMatchObject({ type: 'invoice_item_details', invoice_item_details: { invoice_item: item.id } });
    expect((await stripe.invoiceItems.list({ invoice: draft.id })).data.map((i) => i.id)).toEqual([item.id]);
    const [updatedEvent] = (await stripe.events.list({ type: 'invoice.updated', limit: 1 })).data;
    expect((updatedEvent!.data.object as Stripe.Invoice).total).toBe(1500);

    await stripe.invoices.finalizeInvoice(draft.id);
    const locked = await stripe.invoiceItems.update(item.id, { amount: 1 }).catch((e: unknown) => e);
    expect(locked).toMatchObject({ statusCode: 400, code: 'invoice_not_editable' });
    const late = await stripe.invoiceItems.create({ customer: customer.id, invoice: draft.id, amount: 1, currency: 'usd' }).catch((e: unknown) => e);
    expect(late).toMatchObject({ statusCode: 400, code: 'invoice_not_editable', param: 'invoice' });
  });

  it('bills a pending one-off item on the subscription’s next invoice', async () => {
    const clock = await stripe.testHelpers.testClocks.create({ frozen_time: JAN_1 });
    const customer = await customerWithCard(stripe, 'pm_card_visa', { test_clock: clock.id });
    const subscription = await stripe.subscriptions.create({ customer: customer.id, items: [{ price: plans.starter.id }] });
    const item = await stripe.invoiceItems.create({ customer: customer.id, amount: 700, currency: 'usd', description: 'Extra storage' });
    expect(item.date).toBe(JAN_1);
    await stripe.testHelpers.testClocks.advance(clock.id, { frozen_time: FEB_1 + 60 });
    const renewal = await stripe.invoices.retrieve((await stripe.subscriptions.retrieve(subscription.id)).latest_invoice as string);
    expect(renewal.lines.data.map((line) => [line.description, line.amount])).toEqual([['Extra storage', 700], ['1 × Starter (at $10.00 / month)', 1000]]);
    expect(renewal).toMatchObject({ total: 1700, status: 'paid' });
    expect((await stripe.invoiceItems.retrieve(item.id)).invoice).toBe(renewal.id);
  });
});
