import type Stripe from 'stripe';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPlans, customerWithCard, DAY, launch, type Harness, type Plans } from './helpers';

const JAN_1 = 1_767_225_600; // 2026-01-01T00:00:00Z
const FEB_1 = JAN_1 + 31 * DAY;
const MAR_1 = FEB_1 + 28 * DAY;
const APR_1 = MAR_1 + 31 * DAY;

describe('test clocks', () => {
  let harness: Harness;
  let stripe: Stripe;
  let plans: Plans;
  let clock: Stripe.TestHelpers.TestClock;

  beforeEach(async () => {
    harness = await launch();
    stripe = harness.stripe;
    plans = await createPlans(stripe);
    clock = await stripe.testHelpers.testClocks.create({ frozen_time: JAN_1, name: 'renewals' });
  });
  afterEach(async () => harness.emulator.close());

  async function subscribe(token = 'pm_card_visa') {
    const customer = await customerWithCard(stripe, token, { test_clock: clock.id });
    const subscription = await stripe.subscriptions.create({ customer: customer.id, items: [{ price: plans.starter.id }] });
    return { customer, subscription };
  }

  const advance = (to: number) => stripe.testHelpers.testClocks.advance(clock.id, { frozen_time: to });
  const invoicesOf = async (subscription: string) => (await stripe.invoices.list({ subscription, limit: 100 })).data;

  it('renews once per elapsed period on the clock’s time', async () => {
    const { customer, subscription } = await subscribe();
    expect(customer.created).toBe(JAN_1);
    const advancing = await advance(FEB_1 + 3600);
    expect(advancing).toMatchObject({ status: 'advancing', frozen_time: JAN_1, status_details: { advancing: { target_frozen_time: FEB_1 + 3600 } } });
    expect(await stripe.testHelpers.testClocks.retrieve(clock.id)).toMatchObject({ status: 'ready', frozen_time: FEB_1 + 3600, status_details: {} });
    await advance(APR_1 + 3600);

    const invoices = await invoicesOf(subscription.id);
    expect(invoices.map((invoice) => [invoice.billing_reason, invoice.created, invoice.status])).toEqual([
      ['subscription_cycle', APR_1, 'paid'],
      ['subscription_cycle', MAR_1, 'paid'],
      ['subscription_cycle', FEB_1, 'paid'],
      ['subscription_create', JAN_1, 'paid'],
    ]);
    expect(invoices[0]!.lines.data[0]!.period).toEqual({ start: APR_1, end: APR_1 + 30 * DAY });
    expect([invoices[0]!.period_start, invoices[0]!.period_end]).toEqual([MAR_1, APR_1]);
    const renewed = await stripe.subscriptions.retrieve(subscription.id);
    expect(renewed.items.data[0]).toMatchObject({ current_period_start: APR_1, current_period_end: APR_1 + 30 * DAY });
    const paidEvents = await stripe.events.list({ type: 'invoice.paid', limit: 100 });
    expect(paidEvents.data.map((event) => event.created)).toEqual([APR_1, MAR_1, FEB_1, JAN_1]);
    const clockEvents = await stripe.events.list({ types: ['test_helpers.test_clock.advancing', 'test_helpers.test_clock.ready'], limit: 2 });
    expect(clockEvents.data.map((event) => [event.type, event.created, (event.data.object as Stripe.TestHelpers.TestClock).status])).toEqual([
      ['test_helpers.test_clock.ready', APR_1 + 3600, 'ready'],
      ['test_helpers.test_clock.advancing', FEB_1 + 3600, 'advancing'],
    ]);
    const refused = await advance(APR_1 + 62 * DAY).catch((e: unknown) => e);
    expect(refused).toMatchObject({ statusCode: 400, param: 'frozen_time' });
  });

  it('retries a failed renewal eight times within two weeks (Smart Retries’ default), then cancels and leaves the invoice open', async () => {
    const { customer, subscription } = await subscribe();
    const failing = await stripe.paymentMethods.attach('pm_card_chargeCustomerFail', { customer: customer.id });
    await stripe.customers.update(customer.id, { invoice_settings: { default_payment_method: failing.id } });

    await advance(FEB_1 + 3600);
    const pastDue = await stripe.subscriptions.retrieve(subscription.id);
    expect(pastDue.status).toBe('past_due');
    const [renewal] = await invoicesOf(subscription.id);
    expect(renewal).toMatchObject({ status: 'open', attempt_count: 1, next_payment_attempt: FEB_1 + DAY });
    expect((await stripe.events.list({ type: 'invoice.payment_failed' })).data[0]!.created).toBe(FEB_1);

    await advance(FEB_1 + 6 * DAY);
    expect(await stripe.invoices.retrieve(renewal!.id)).toMatchObject({ attempt_count: 4, next_payment_attempt: FEB_1 + 7 * DAY });
    expect((await stripe.subscriptions.retrieve(subscription.id)).status).toBe('past_due');

    await advance(FEB_1 + 15 * DAY);
    const canceled = await stripe.subscriptions.retrieve(subscription.id);
    expect(canceled).toMatchObject({ status: 'canceled', ended_at: FEB_1 + 14 * DAY, cancellation_details: { reason: 'payment_failed' } });
    expect(await stripe.invoices.retrieve(renewal!.id)).toMatchObject({ status: 'open', attempt_count: 9, next_payment_attempt: null });
    const deleted = await stripe.events.list({ type: 'customer.subscription.deleted' });
    expect(deleted.data.map((event) => event.created)).toEqual([FEB_1 + 14 * DAY]);
    const failures = (await stripe.events.list({ type: 'invoice.payment_failed', limit: 100 })).data.map((event) => (event.created - FEB_1) / DAY);
    expect(failures.reverse()).toEqual([0, 1, 3, 5, 7, 9, 11, 13, 14]);
  });

  it('expires an incomplete subscription whose first invoice stays unpaid for 23 hours', async () => {
    const { subscription } = await subscribe('pm_card_chargeCustomerFail');
    expect(subscription.status).toBe('incomplete');
    await advance(JAN_1 + DAY);
    expect(await stripe.subscriptions.retrieve(subscription.id)).toMatchObject({ status: 'incomplete_expired', ended_at: JAN_1 + 23 * 3600 });
    expect((await stripe.invoices.retrieve(subscription.latest_invoice as string)).status).toBe('void');
  });

  it('recovers a past_due subscription when a retry succeeds with a new default card', async () => {
    const { customer, subscription } = await subscribe('pm_card_chargeCustomerFail');
    expect(subscription.status).toBe('incomplete');
    const visa = await stripe.paymentMethods.attach('pm_card_visa', { customer: customer.id });
    await stripe.customers.update(customer.id, { invoice_settings: { default_payment_method: visa.id } });
    await stripe.invoices.pay(subscription.latest_invoice as string);
    expect((await stripe.subscriptions.retrieve(subscription.id)).status).toBe('active');

    const failing = await stripe.paymentMethods.attach('pm_card_chargeCustomerFail', { customer: customer.id });
    await stripe.customers.update(customer.id, { invoice_settings: { default_payment_method: failing.id } });
    await advance(FEB_1 + 60);
    expect((await stripe.subscriptions.retrieve(subscription.id)).status).toBe('past_due');
    await stripe.customers.update(customer.id, { invoice_settings: { default_payment_method: visa.id } });
    await advance(FEB_1 + 4 * DAY);
    expect((await stripe.subscriptions.retrieve(subscription.id)).status).toBe('active');
    const [renewal] = await invoicesOf(subscription.id);
    expect(renewal).toMatchObject({ status: 'paid', attempt_count: 2, status_transitions: { paid_at: FEB_1 + DAY } });
  });

  it('ends a subscription set to cancel at period end without billing again', async () => {
    const { subscription } = await subscribe();
    const scheduled = await stripe.subscriptions.update(subscription.id, { cancel_at_period_end: true });
    expect(scheduled).toMatchObject({ cancel_at_period_end: true, cancel_at: FEB_1, status: 'active' });
    await advance(FEB_1 + DAY);
    expect(await stripe.subscriptions.retrieve(subscription.id)).toMatchObject({ status: 'canceled', ended_at: FEB_1 });
    expect(await invoicesOf(subscription.id)).toHaveLength(1);
    const preview = await stripe.invoices.createPreview({ subscription: subscription.id }).catch((e: unknown) => e);
    expect(preview).toMatchObject({ statusCode: 404, code: 'invoice_upcoming_none' });
  });

  it('starts billing when a trial ends', async () => {
    const customer = await customerWithCard(stripe, 'pm_card_visa', { test_clock: clock.id });
    const subscription = await stripe.subscriptions.create({ customer: customer.id, items: [{ price: plans.pro.id }], trial_period_days: 7 });
    expect(subscription.items.data[0]!.current_period_end).toBe(JAN_1 + 7 * DAY);
    await advance(JAN_1 + 8 * DAY);
    const active = await stripe.subscriptions.retrieve(subscription.id);
    expect(active.status).toBe('active');
    expect(active.items.data[0]).toMatchObject({ current_period_start: JAN_1 + 7 * DAY, current_period_end: FEB_1 + 7 * DAY });
    expect((await stripe.invoices.retrieve(active.latest_invoice as string))).toMatchObject({ total: 3000, status: 'paid' });
  });

  it('lists, retrieves and deletes clocks, deleting their customers', async () => {
    const { customer } = await subscribe();
    expect((await stripe.testHelpers.testClocks.list()).data.map((c) => c.id)).toEqual([clock.id]);
    const stale = await stripe.testHelpers.testClocks.advance(clock.id, { frozen_time: JAN_1 - 1 }).catch((e: unknown) => e);
    expect(stale).toMatchObject({ statusCode: 400, param: 'frozen_time' });
    expect(await stripe.testHelpers.testClocks.del(clock.id)).toEqual({ id: clock.id, object: 'test_helpers.test_clock', deleted: true });
    expect(await stripe.customers.retrieve(customer.id)).toMatchObject({ deleted: true });
  });
});
