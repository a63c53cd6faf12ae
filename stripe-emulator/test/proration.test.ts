import type Stripe from 'stripe';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPlans, customerWithCard, DAY, launch, type Harness, type Plans } from './helpers';

const JAN_1 = 1_767_225_600; // 2026-01-01T00:00:00Z
const FEB_1 = JAN_1 + 31 * DAY;
const JAN_16 = JAN_1 + 15 * DAY;
const PRORATION_DATE = JAN_16 + 12_345; // mid-day, to exercise the to-the-second rule

/** Stripe's rule, written independently of the emulator. */
function expectedProration(oldAmount: number, newAmount: number, t: number, start = JAN_1, end = FEB_1) {
  const share = (amount: number) => Math.round((amount * (end - t)) / (end - start));
  return { credit: -share(oldAmount), charge: share(newAmount) };
}

function prorations(invoice: Stripe.Invoice) {
  return invoice.lines.data.filter((line) => line.parent?.subscription_item_details?.proration);
}

describe('proration', () => {
  let harness: Harness;
  let stripe: Stripe;
  let plans: Plans;
  let clock: Stripe.TestHelpers.TestClock;

  beforeEach(async () => {
    harness = await launch();
    stripe = harness.stripe;
    plans = await createPlans(stripe);
    clock = await stripe.testHelpers.testClocks.create({ frozen_time: JAN_1 });
  });
  afterEach(async () => harness.emulator.close());

  async function subscribe(price: Stripe.Price) {
    const customer = await customerWithCard(stripe, 'pm_card_visa', { test_clock: clock.id });
    const subscription = await stripe.subscriptions.create({ customer: customer.id, items: [{ price: price.id }] });
    await stripe.testHelpers.testClocks.advance(clock.id, { frozen_time: JAN_16 });
    return { customer, subscription, item: subscription.items.data[0]! };
  }

  it('charges exactly the previewed amount for a mid-period upgrade with always_invoice', async () => {
    const { customer, subscription, item } = await subscribe(plans.starter);
    const change = { items: [{ id: item.id, price: plans.pro.id }], proration_date: PRORATION_DATE, proration_behavior: 'always_invoice' as const };
    const preview = await stripe.invoices.createPreview({ customer: customer.id, subscription: subscription.id, subscription_details: change });
    expect(preview.id).toMatch(/^upcoming_in_/); // the SDK documents this prefix for previews
    expect((await stripe.invoices.list({ customer: customer.id })).data).toHaveLength(1);
    const updated = await stripe.subscriptions.update(subscription.id, change);
    const invoice = await stripe.invoices.retrieve(updated.latest_invoice as string);

    const { credit, charge } = expectedProration(1000, 3000, PRORATION_DATE);
    expect([credit, charge]).toEqual([-512, 1535]);
    expect(prorations(preview).map((line) => line.amount)).toEqual([credit, charge]);
    expect(prorations(invoice).map((line) => line.amount)).toEqual([credit, charge]);
    expect(invoice.lines.data.map((line) => line.description)).toEqual([
      'Unused time on Starter after 16 Jan 2026',
      'Remaining time on Pro after 16 Jan 2026',
    ]);
    expect(invoice.lines.data[0]!.period).toEqual({ start: PRORATION_DATE, end: FEB_1 });
    expect(preview.total).toBe(credit + charge);
    expect(invoice.total).toBe(preview.total);
    expect(invoice.amount_due).toBe(preview.amount_due);
    expect(invoice).toMatchObject({ status: 'paid', billing_reason: 'subscription_update', amount_paid: credit + charge });
    expect(updated.items.data[0]!.price.id).toBe(plans.pro.id);
    expect(updated.items.data[0]!.id).toBe(item.id);
  });

  it('turns a downgrade into customer credit that the next invoice consumes', async () => {
    const { customer, subscription, item } = await subscribe(plans.pro);
    const change = { items: [{ id: item.id, price: plans.starter.id }], proration_date: PRORATION_DATE, proration_behavior: 'always_invoice' as const };
    const preview = await stripe.invoices.createPreview({ customer: customer.id, subscription: subscription.id, subscription_details: change });
    const updated = await stripe.subscriptions.update(subscription.id, change);
    const invoice = await stripe.invoices.retrieve(updated.latest_invoice as string);

    const { credit, charge } = expectedProration(3000, 1000, PRORATION_DATE);
    const total = credit + charge;
    expect(total).toBe(-1023);
    expect(prorations(invoice).map((line) => line.amount)).toEqual([credit, charge]);
    expect([invoice.total, invoice.amount_due]).toEqual([preview.total, preview.amount_due]);
    expect(invoice).toMatchObject({ total, amount_due: 0, starting_balance: 0, ending_balance: total, status: 'paid', attempt_count: 0 });
    expect(((await stripe.customers.retrieve(customer.id)) as Stripe.Customer).balance).toBe(total);

    await stripe.testHelpers.testClocks.advance(clock.id, { frozen_time: FEB_1 + 3600 });
    const renewal = await stripe.invoices.retrieve((await stripe.subscriptions.retrieve(subscription.id)).latest_invoice as string);
    expect(renewal).toMatchObject({ billing_reason: 'subscription_cycle', total: 1000, starting_balance: total, amount_due: 0, ending_balance: total + 1000, status: 'paid' });
    expect(((await stripe.customers.retrieve(customer.id)) as Stripe.Customer).balance).toBe(total + 1000);
  });

  it('previews create_prorations as the next renewal invoice and bills exactly that at renewal', async () => {
    const { customer, subscription, item } = await subscribe(plans.starter);
    const change = { items: [{ id: item.id, price: plans.pro.id }], proration_date: PRORATION_DATE };
    const preview = await stripe.invoices.createPreview({ customer: customer.id, subscription: subscription.id, subscription_details: change });
    const { credit, charge } = expectedProration(1000, 3000, PRORATION_DATE);
    expect(preview.total).toBe(credit + charge + 3000);
    expect(preview.lines.data.at(-1)!.period).toEqual({ start: FEB_1, end: FEB_1 + 28 * DAY });

    const updated = await stripe.subscriptions.update(subscription.id, change);
    expect(updated.latest_invoice).toBe(subscription.latest_invoice);
    await stripe.testHelpers.testClocks.advance(clock.id, { frozen_time: FEB_1 + 60 });
    const renewal = await stripe.invoices.retrieve((await stripe.subscriptions.retrieve(subscription.id)).latest_invoice as string);
    expect(renewal.lines.data.map((line) => line.amount)).toEqual(preview.lines.data.map((line) => line.amount));
    expect([renewal.total, renewal.amount_due]).toEqual([preview.total, preview.amount_due]);
    expect(renewal.status).toBe('paid');
  });

  it('creates nothing with proration_behavior=none', async () => {
    const { subscription, item } = await subscribe(plans.starter);
    const updated = await stripe.subscriptions.update(subscription.id, {
      items: [{ id: item.id, price: plans.pro.id }], proration_behavior: 'none',
    });
    expect(updated.latest_invoice).toBe(subscription.latest_invoice);
    const preview = await stripe.invoices.createPreview({ subscription: subscription.id });
    expect(prorations(preview)).toHaveLength(0);
    expect(preview.total).toBe(3000);
  });

  it('bills a switch to a yearly price at once, crediting the unused month', async () => {
    const { customer, subscription, item } = await subscribe(plans.starter);
    const change = { items: [{ id: item.id, price: plans.proYearly.id }], proration_date: PRORATION_DATE };
    const preview = await stripe.invoices.createPreview({ customer: customer.id, subscription: subscription.id, subscription_details: change });
    const updated = await stripe.subscriptions.update(subscription.id, change);
    const invoice = await stripe.invoices.retrieve(updated.latest_invoice as string);
    const { credit } = expectedProration(1000, 0, PRORATION_DATE);
    expect(invoice.lines.data.map((line) => line.amount)).toEqual([credit, 30000]);
    expect([invoice.total, invoice.amount_due]).toEqual([preview.total, preview.amount_due]);
    expect(updated.billing_cycle_anchor).toBe(PRORATION_DATE);
    expect(updated.items.data[0]!.current_period_end - PRORATION_DATE).toBe(365 * DAY);
  });

  it('previews on real time too when proration_date is passed', async () => {
    const customer = await customerWithCard(stripe);
    const subscription = await stripe.subscriptions.create({ customer: customer.id, items: [{ price: plans.starter.id, quantity: 2 }] });
    const item = subscription.items.data[0]!;
    const t = item.current_period_start + 7 * DAY + 17;
    const change = { items: [{ id: item.id, price: plans.pro.id, quantity: 3 }], proration_date: t, proration_behavior: 'always_invoice' as const };
    const preview = await stripe.invoices.createPreview({ subscription: subscription.id, subscription_details: change });
    const updated = await stripe.subscriptions.update(subscription.id, change);
    const invoice = await stripe.invoices.retrieve(updated.latest_invoice as string);
    const { credit, charge } = expectedProration(2000, 9000, t, item.current_period_start, item.current_period_end);
    expect(invoice.lines.data.map((line) => line.amount)).toEqual([credit, charge]);
    expect(invoice.lines.data[1]!.description).toMatch(/^Remaining time on 3 × Pro after /);
    expect([invoice.total, invoice.amount_due]).toEqual([preview.total, preview.amount_due]);
  });
});
