import Stripe from 'stripe';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPlans, customerWithCard, DAY, launch, type Harness, type Plans } from './helpers';

const JAN_1 = 1_767_225_600; // 2026-01-01T00:00:00Z
const FEB_1 = JAN_1 + 31 * DAY;
const HOUR = 3600;

describe('pausing', () => {
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
  const count = async (type: Stripe.Event.Type) => (await stripe.events.list({ type, limit: 100 })).data.length;
  const renewalOf = async (subscription: Stripe.Subscription) =>
    stripe.invoices.retrieve((await stripe.subscriptions.retrieve(subscription.id)).latest_invoice as string);

  async function activeSubscription(token = 'pm_card_visa') {
    const customer = await customerWithCard(stripe, token, { test_clock: clock.id });
    const subscription = await stripe.subscriptions.create({ customer: customer.id, items: [{ price: plans.starter.id }] });
    return { customer, subscription };
  }

  /** A subscription, on a clock of its own, whose trial ended without a card under missing_payment_method=pause. */
  async function pausedByTrial() {
    clock = await stripe.testHelpers.testClocks.create({ frozen_time: JAN_1 });
    const customer = await stripe.customers.create({ test_clock: clock.id });
    const subscription = await stripe.subscriptions.create({
      customer: customer.id, items: [{ price: plans.starter.id }], trial_period_days: 7,
      trial_settings: { end_behavior: { missing_payment_method: 'pause' } },
    });
    await advance(JAN_1 + 8 * DAY);
    return { customer, subscription };
  }

  it('pause_collection keeps the status and sends no paused event; keep_as_draft leaves renewals as drafts', async () => {
    const { subscription } = await activeSubscription();
    const paused = await stripe.subscriptions.update(subscription.id, { pause_collection: { behavior: 'keep_as_draft' } });
    expect(paused).toMatchObject({ status: 'active', pause_collection: { behavior: 'keep_as_draft', resumes_at: null } });
    expect(await count('customer.subscription.paused')).toBe(0);
    await advance(FEB_1 + HOUR);
    expect(await renewalOf(subscription)).toMatchObject({ status: 'draft', auto_advance: false, total: 1000, billing_reason: 'subscription_cycle' });
    expect((await stripe.subscriptions.retrieve(subscription.id)).status).toBe('active');

    const cleared = await stripe.subscriptions.update(subscription.id, { pause_collection: '' });
    expect(cleared.pause_collection).toBeNull();
  });

  it('marks renewals uncollectible or voids them under those behaviours', async () => {
    const { subscription } = await activeSubscription();
    await stripe.subscriptions.update(subscription.id, { pause_collection: { behavior: 'mark_uncollectible' } });
    await advance(FEB_1 + HOUR);
    expect(await renewalOf(subscription)).toMatchObject({ status: 'uncollectible', amount_paid: 0 });
    await stripe.subscriptions.update(subscription.id, { pause_collection: { behavior: 'void' } });
    await advance(FEB_1 + 29 * DAY);
    expect(await renewalOf(subscription)).toMatchObject({ status: 'void' });
    expect(await count('customer.subscription.paused')).toBe(0);
  });

  it('resumes collection at resumes_at on the clock', async () => {
    const { subscription } = await activeSubscription();
    const resumesAt = JAN_1 + 20 * DAY;
    await stripe.subscriptions.update(subscription.id, { pause_collection: { behavior: 'void', resumes_at: resumesAt } });
    await advance(FEB_1 + HOUR);
    const resumed = await stripe.subscriptions.retrieve(subscription.id);
    expect(resumed.pause_collection).toBeNull();
    expect(await renewalOf(subscription)).toMatchObject({ status: 'paid', total: 1000 });
    const [update] = (await stripe.events.list({ type: 'customer.subscription.updated', created: { lte: resumesAt }, limit: 1 })).data;
    expect(update).toMatchObject({ created: resumesAt, data: { previous_attributes: { pause_collection: { behavior: 'void', resumes_at: resumesAt } } } });
  });

  it('resumes a paused subscription once the customer has a card, billing a new period from now', async () => {
    const { customer, subscription } = await pausedByTrial();
    const visa = await stripe.paymentMethods.attach('pm_card_visa', { customer: customer.id });
    await stripe.customers.update(customer.id, { invoice_settings: { default_payment_method: visa.id } });
    const resumed = await stripe.subscriptions.resume(subscription.id);
    expect(resumed).toMatchObject({ status: 'active', billing_cycle_anchor: JAN_1 + 8 * DAY });
    expect(resumed.items.data[0]).toMatchObject({ current_period_start: JAN_1 + 8 * DAY, current_period_end: FEB_1 + 8 * DAY });
    expect(await stripe.invoices.retrieve(resumed.latest_invoice as string)).toMatchObject({ status: 'paid', total: 1000 });
    expect(await count('customer.subscription.resumed')).toBe(1);
    const again = await stripe.subscriptions.resume(subscription.id).catch((e: unknown) => e);
    expect(again).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
  });

  it('resumes past_due on a failed attempt, or waits for payment with resume_on_payment_success', async () => {
    const first = await pausedByTrial();
    const failing = await stripe.paymentMethods.attach('pm_card_chargeCustomerFail', { customer: first.customer.id });
    await stripe.customers.update(first.customer.id, { invoice_settings: { default_payment_method: failing.id } });
    expect(await stripe.subscriptions.resume(first.subscription.id)).toMatchObject({ status: 'past_due' });

    const second = await pausedByTrial();
    const failingToo = await stripe.paymentMethods.attach('pm_card_chargeCustomerFail', { customer: second.customer.id });
    await stripe.customers.update(second.customer.id, { invoice_settings: { default_payment_method: failingToo.id } });
    const waiting = await stripe.subscriptions.resume(second.subscription.id, { payment_behavior: 'resume_on_payment_success' });
    expect(waiting.status).toBe('paused');
    const visa = await stripe.paymentMethods.attach('pm_card_visa', { customer: second.customer.id });
    await stripe.invoices.pay(waiting.latest_invoice as string, { payment_method: visa.id });
    expect((await stripe.subscriptions.retrieve(second.subscription.id)).status).toBe('active');
  });

  it('voids an unpaid resumption invoice after 23 hours and stays paused', async () => {
    const { customer, subscription } = await pausedByTrial();
    const failing = await stripe.paymentMethods.attach('pm_card_chargeCustomerFail', { customer: customer.id });
    await stripe.customers.update(customer.id, { invoice_settings: { default_payment_method: failing.id } });
    const waiting = await stripe.subscriptions.resume(subscription.id, { payment_behavior: 'resume_on_payment_success' });
    await advance(JAN_1 + 8 * DAY + 24 * HOUR);
    expect(await stripe.invoices.retrieve(waiting.latest_invoice as string)).toMatchObject({ status: 'void' });
    expect((await stripe.subscriptions.retrieve(subscription.id)).status).toBe('paused');
  });

  it('pauses with POST /pause, crediting the unused time as a pending item', async () => {
    const { subscription } = await activeSubscription();
    await advance(JAN_1 + 16 * DAY);
    const paused = await stripe.subscriptions.pause(subscription.id);
    expect(paused.status).toBe('paused');
    expect(await count('customer.subscription.paused')).toBe(1);
    const [credit] = (await stripe.invoiceItems.list({ pending: true })).data;
    expect(credit).toMatchObject({ amount: -Math.round((1000 * 15) / 31), proration: true });
    await advance(FEB_1 + 40 * DAY);
    expect((await stripe.invoices.list({ subscription: subscription.id })).data).toHaveLength(1);
  });
});
