import Stripe from 'stripe';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPlans, customerWithCard, DAY, launch, type Harness, type Plans } from './helpers';

const JAN_1 = 1_767_225_600; // 2026-01-01T00:00:00Z

describe('trials', () => {
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

  const advance = (to: number) => stripe.testHelpers.testClocks.advance(clock.id, { frozen_time: to });
  const eventsOf = async (type: Stripe.Event.Type) => (await stripe.events.list({ type, limit: 100 })).data;
  const noCardCustomer = () => stripe.customers.create({ email: 'trial@example.com', test_clock: clock.id });

  it('starts trialing for trial_period_days, warns three days before on the clock’s time, then bills', async () => {
    const customer = await customerWithCard(stripe, 'pm_card_visa', { test_clock: clock.id });
    const subscription = await stripe.subscriptions.create({ customer: customer.id, items: [{ price: plans.pro.id }], trial_period_days: 14 });
    expect(subscription).toMatchObject({
      status: 'trialing', trial_start: JAN_1, trial_end: JAN_1 + 14 * DAY, billing_cycle_anchor: JAN_1 + 14 * DAY,
      trial_settings: { end_behavior: { missing_payment_method: 'create_invoice' } },
    });
    expect(await eventsOf('customer.subscription.trial_will_end')).toHaveLength(0);

    await advance(JAN_1 + 12 * DAY);
    const [notice] = await eventsOf('customer.subscription.trial_will_end');
    expect(notice!.created).toBe(JAN_1 + 11 * DAY);
    expect((notice!.data.object as Stripe.Subscription).status).toBe('trialing');

    await advance(JAN_1 + 15 * DAY);
    const active = await stripe.subscriptions.retrieve(subscription.id);
    expect(active).toMatchObject({ status: 'active', trial_end: JAN_1 + 14 * DAY });
    expect(active.items.data[0]!.current_period_start).toBe(JAN_1 + 14 * DAY);
    const invoice = await stripe.invoices.retrieve(active.latest_invoice as string);
    expect(invoice).toMatchObject({ billing_reason: 'subscription_cycle', total: 3000, status: 'paid', created: JAN_1 + 14 * DAY });
    expect(await eventsOf('customer.subscription.trial_will_end')).toHaveLength(1);
  });

  it('sends trial_will_end at once when the trial is shorter than three days', async () => {
    const customer = await noCardCustomer();
    await stripe.subscriptions.create({ customer: customer.id, items: [{ price: plans.pro.id }], trial_period_days: 1 });
    const [notice] = await eventsOf('customer.subscription.trial_will_end');
    expect(notice!.created).toBe(JAN_1);
  });

  it('accepts trial_end as a time, refuses one in the past, and trial_from_plan uses the price’s trial days', async () => {
    const customer = await noCardCustomer();
    const byEnd = await stripe.subscriptions.create({ customer: customer.id, items: [{ price: plans.pro.id }], trial_end: JAN_1 + 5 * DAY });
    expect(byEnd).toMatchObject({ status: 'trialing', trial_end: JAN_1 + 5 * DAY });
    const past = await stripe.subscriptions.create({ customer: customer.id, items: [{ price: plans.pro.id }], trial_end: JAN_1 - 1 }).catch((e: unknown) => e);
    expect(past).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(past).toMatchObject({ param: 'trial_end' });
    const both = await stripe.subscriptions.create({ customer: customer.id, items: [{ price: plans.pro.id }], trial_end: JAN_1 + DAY, trial_period_days: 3 }).catch((e: unknown) => e);
    expect(both).toMatchObject({ code: 'parameters_exclusive' });

    const withTrial = await stripe.prices.create({ product: plans.pro.product as string, unit_amount: 3000, currency: 'usd', recurring: { interval: 'month', trial_period_days: 10 } });
    const fromPlan = await stripe.subscriptions.create({ customer: customer.id, items: [{ price: withTrial.id }], trial_from_plan: true });
    expect(fromPlan.trial_end).toBe(JAN_1 + 10 * DAY);
    const ignored = await stripe.subscriptions.create({ customer: customer.id, items: [{ price: withTrial.id }], trial_end: 'now' });
    expect(ignored).toMatchObject({ trial_end: null });
  });

  it('ends a trial with trial_end=now: trial_will_end, then active and invoiced', async () => {
    const customer = await customerWithCard(stripe, 'pm_card_visa', { test_clock: clock.id });
    const subscription = await stripe.subscriptions.create({ customer: customer.id, items: [{ price: plans.pro.id }], trial_period_days: 14 });
    await advance(JAN_1 + 2 * DAY);
    const ended = await stripe.subscriptions.update(subscription.id, { trial_end: 'now' });
    expect(ended).toMatchObject({ status: 'active', trial_end: JAN_1 + 2 * DAY, billing_cycle_anchor: JAN_1 + 2 * DAY });
    expect(await stripe.invoices.retrieve(ended.latest_invoice as string)).toMatchObject({ billing_reason: 'subscription_update', total: 3000, status: 'paid' });
    expect((await eventsOf('customer.subscription.trial_will_end')).map((e) => e.created)).toEqual([JAN_1 + 2 * DAY]);
  });

  it('extends a trial with a later trial_end', async () => {
    const customer = await noCardCustomer();
    const subscription = await stripe.subscriptions.create({ customer: customer.id, items: [{ price: plans.pro.id }], trial_period_days: 7 });
    const extended = await stripe.subscriptions.update(subscription.id, { trial_end: JAN_1 + 20 * DAY });
    expect(extended).toMatchObject({ status: 'trialing', trial_end: JAN_1 + 20 * DAY, billing_cycle_anchor: JAN_1 + 20 * DAY });
    expect(extended.items.data[0]!.current_period_end).toBe(JAN_1 + 20 * DAY);
  });

  it('pauses at the trial end without a payment method under missing_payment_method=pause', async () => {
    const customer = await noCardCustomer();
    const subscription = await stripe.subscriptions.create({
      customer: customer.id, items: [{ price: plans.pro.id }], trial_period_days: 7,
      trial_settings: { end_behavior: { missing_payment_method: 'pause' } },
    });
    await advance(JAN_1 + 8 * DAY);
    const paused = await stripe.subscriptions.retrieve(subscription.id);
    expect(paused).toMatchObject({ status: 'paused', pause_collection: null });
    expect((await stripe.invoices.list({ subscription: subscription.id })).data).toHaveLength(1);
    const [event] = await eventsOf('customer.subscription.paused');
    expect(event!.created).toBe(JAN_1 + 7 * DAY);
    await advance(JAN_1 + 60 * DAY);
    expect((await stripe.invoices.list({ subscription: subscription.id })).data).toHaveLength(1);
  });

  it('cancels at the trial end without a payment method under missing_payment_method=cancel', async () => {
    const customer = await noCardCustomer();
    const subscription = await stripe.subscriptions.create({
      customer: customer.id, items: [{ price: plans.pro.id }], trial_period_days: 7,
      trial_settings: { end_behavior: { missing_payment_method: 'cancel' } },
    });
    await advance(JAN_1 + 8 * DAY);
    expect(await stripe.subscriptions.retrieve(subscription.id)).toMatchObject({ status: 'canceled', ended_at: JAN_1 + 7 * DAY });
    expect((await stripe.invoices.list({ subscription: subscription.id })).data).toHaveLength(1);
  });

  it('invoices anyway under the default create_invoice, leaving the subscription past_due', async () => {
    const customer = await noCardCustomer();
    const subscription = await stripe.subscriptions.create({ customer: customer.id, items: [{ price: plans.pro.id }], trial_period_days: 7 });
    await advance(JAN_1 + 8 * DAY);
    const pastDue = await stripe.subscriptions.retrieve(subscription.id);
    expect(pastDue.status).toBe('past_due');
    expect(await stripe.invoices.retrieve(pastDue.latest_invoice as string)).toMatchObject({ status: 'open', total: 3000 });
  });
});
