import Stripe from 'stripe';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPlans, customerWithCard, DAY, launch, type Harness, type Plans } from './helpers';

const JAN_1 = 1_767_225_600; // 2026-01-01T00:00:00Z
const FEB_1 = JAN_1 + 31 * DAY;
const MAR_1 = FEB_1 + 28 * DAY;
const APR_1 = MAR_1 + 31 * DAY;

describe('subscription schedules (a change at the period end)', () => {
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

  async function proSubscriptionWithDowngrade() {
    const customer = await customerWithCard(stripe, 'pm_card_visa', { test_clock: clock.id });
    const subscription = await stripe.subscriptions.create({ customer: customer.id, items: [{ price: plans.pro.id }] });
    const schedule = await stripe.subscriptionSchedules.create({ from_subscription: subscription.id });
    const phase = schedule.phases[0]!;
    const updated = await stripe.subscriptionSchedules.update(schedule.id, {
      end_behavior: 'release',
      phases: [
        { items: [{ price: plans.pro.id, quantity: 1 }], start_date: phase.start_date, end_date: phase.end_date },
        { items: [{ price: plans.starter.id, quantity: 1 }], proration_behavior: 'none' },
      ],
    });
    return { customer, subscription, schedule: updated };
  }

  it('starts from the subscription: its current period is the first phase, and the subscription points at it', async () => {
    const { subscription, schedule } = await proSubscriptionWithDowngrade();
    expect(schedule).toMatchObject({ object: 'subscription_schedule', status: 'active', end_behavior: 'release', subscription: subscription.id });
    expect(schedule.phases.map((phase) => [phase.start_date, phase.end_date])).toEqual([[JAN_1, FEB_1], [FEB_1, MAR_1]]);
    expect((await stripe.subscriptions.retrieve(subscription.id)).schedule).toBe(schedule.id);
    await expect(stripe.subscriptionSchedules.create({ from_subscription: subscription.id })).rejects.toThrow(/already attached/);
  });

  it('keeps the old price until the period ends, then renews on the next phase without proration', async () => {
    const { customer, subscription } = await proSubscriptionWithDowngrade();
    await stripe.testHelpers.testClocks.advance(clock.id, { frozen_time: FEB_1 + 60 });
    const renewed = await stripe.subscriptions.retrieve(subscription.id);
    expect(renewed.items.data[0]!.price.id).toBe(plans.starter.id);
    const invoices = await stripe.invoices.list({ customer: customer.id });
    const cycle = invoices.data.find((invoice) => invoice.billing_reason === 'subscription_cycle')!;
    expect(cycle.total).toBe(plans.starter.unit_amount);
    expect(cycle.lines.data.every((line) => !line.parent?.subscription_item_details?.proration)).toBe(true);
  });

  it('releases the subscription once the last phase ends, which keeps renewing on its price', async () => {
    const { subscription, schedule } = await proSubscriptionWithDowngrade();
    await stripe.testHelpers.testClocks.advance(clock.id, { frozen_time: FEB_1 + 60 });
    expect((await stripe.subscriptionSchedules.retrieve(schedule.id)).status).toBe('active');
    await stripe.testHelpers.testClocks.advance(clock.id, { frozen_time: APR_1 + 60 });
    const released = await stripe.subscriptionSchedules.retrieve(schedule.id);
    expect(released).toMatchObject({ status: 'released', released_subscription: subscription.id, subscription: null });
    const current = await stripe.subscriptions.retrieve(subscription.id);
    expect(current).toMatchObject({ status: 'active', schedule: null });
    expect(current.items.data[0]!.price.id).toBe(plans.starter.id);
  });

  it('release before the period end undoes the change: the subscription renews on its own price', async () => {
    const { subscription, schedule } = await proSubscriptionWithDowngrade();
    const released = await stripe.subscriptionSchedules.release(schedule.id);
    expect(released.status).toBe('released');
    expect((await stripe.subscriptions.retrieve(subscription.id)).schedule).toBeNull();
    await expect(stripe.subscriptionSchedules.release(schedule.id)).rejects.toThrow(/released/);
    await stripe.testHelpers.testClocks.advance(clock.id, { frozen_time: FEB_1 + 60 });
    expect((await stripe.subscriptions.retrieve(subscription.id)).items.data[0]!.price.id).toBe(plans.pro.id);
    const types = (await stripe.events.list({ limit: 100 })).data.map((event) => event.type);
    expect(types).toEqual(expect.arrayContaining(['subscription_schedule.created', 'subscription_schedule.updated', 'subscription_schedule.released']));
  });

  it('refuses to move the current phase start and a phase with both an end date and a duration', async () => {
    const { schedule } = await proSubscriptionWithDowngrade();
    await expect(stripe.subscriptionSchedules.update(schedule.id, {
      phases: [{ items: [{ price: plans.pro.id }], start_date: JAN_1 + DAY, end_date: FEB_1 }],
    })).rejects.toThrow(/start date of the current phase/);
    await expect(stripe.subscriptionSchedules.update(schedule.id, {
      phases: [{ items: [{ price: plans.pro.id }], start_date: JAN_1, end_date: FEB_1, duration: { interval: 'month' } }],
    })).rejects.toThrow(/end_date, duration/);
  });
});
