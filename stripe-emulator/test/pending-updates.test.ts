import Stripe from 'stripe';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPlans, customerWithCard, DAY, launch, type Harness, type Plans } from './helpers';

const JAN_1 = 1_767_225_600; // 2026-01-01T00:00:00Z
const FEB_1 = JAN_1 + 31 * DAY;
const JAN_16 = JAN_1 + 15 * DAY;
const HOUR = 3600;

describe('pending updates (payment_behavior=pending_if_incomplete)', () => {
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

  /** A starter subscription paid by visa, whose card then starts declining at `at`. */
  async function decliningCustomerAt(at: number) {
    const customer = await customerWithCard(stripe, 'pm_card_visa', { test_clock: clock.id });
    const subscription = await stripe.subscriptions.create({ customer: customer.id, items: [{ price: plans.starter.id }] });
    await stripe.testHelpers.testClocks.advance(clock.id, { frozen_time: at });
    const failing = await stripe.paymentMethods.attach('pm_card_chargeCustomerFail', { customer: customer.id });
    await stripe.customers.update(customer.id, { invoice_settings: { default_payment_method: failing.id } });
    return { customer, subscription, item: subscription.items.data[0]! };
  }

  const upgrade = (subscription: Stripe.Subscription, item: Stripe.SubscriptionItem, extra: Stripe.SubscriptionUpdateParams = {}) =>
    stripe.subscriptions.update(subscription.id, {
      items: [{ id: item.id, price: plans.pro.id }],
      proration_behavior: 'always_invoice',
      payment_behavior: 'pending_if_incomplete',
      proration_date: JAN_16,
      ...extra,
    });

  const eventsSince = async (since: number) =>
    (await stripe.events.list({ limit: 100, created: { gte: since } })).data.reverse();

  it('keeps the old price on a decline and records the change in pending_update', async () => {
    const { subscription, item } = await decliningCustomerAt(JAN_16);
    const lastEvent = (await stripe.events.list({ limit: 1 })).data[0]!;
    const updated = await upgrade(subscription, item);

    expect(updated.status).toBe('active');
    expect(updated.items.data.map((i) => [i.id, i.price.id])).toEqual([[item.id, plans.starter.id]]);
    expect(updated.pending_update).toMatchObject({
      billing_cycle_anchor: null, expires_at: JAN_16 + 23 * HOUR, trial_end: null, trial_from_plan: null, metadata: null,
    });
    expect(updated.pending_update!.subscription_items!.map((i) => [i.id, i.price.id])).toEqual([[item.id, plans.pro.id]]);
    const invoice = await stripe.invoices.retrieve(updated.latest_invoice as string);
    expect(invoice).toMatchObject({ status: 'open', billing_reason: 'subscription_update', attempt_count: 1, amount_paid: 0 });
    expect(invoice.amount_due).toBe(invoice.lines.data.reduce((sum, line) => sum + line.amount, 0));
    expect(invoice.amount_due).toBeGreaterThan(0);

    const events = (await eventsSince(JAN_16)).filter((event) => event.id !== lastEvent.id && event.created === JAN_16);
    const types = events.map((event) => event.type).filter((type) => !type.startsWith('test_helpers') && type !== 'payment_method.attached');
    expect(types.slice(types.indexOf('invoiceitem.created'))).toEqual([
      'invoiceitem.created', 'invoiceitem.created', 'invoice.created', 'invoice.finalized', 'invoice.payment_failed',
      'customer.updated', 'customer.subscription.updated',
    ]);
    const subscriptionEvent = events.at(-1) as Stripe.CustomerSubscriptionUpdatedEvent;
    expect(subscriptionEvent.data.object.items.data[0]!.price.id).toBe(plans.starter.id);
    expect(subscriptionEvent.data.object.pending_update).not.toBeNull();
    expect(subscriptionEvent.data.previous_attributes).toEqual({ latest_invoice: subscription.latest_invoice, pending_update: null });
  });

  it('applies the pending update once its invoice is paid with a working card, charging once', async () => {
    const { customer, subscription, item } = await decliningCustomerAt(JAN_16);
    const pending = await upgrade(subscription, item);
    const visa = await stripe.paymentMethods.attach('pm_card_visa', { customer: customer.id });
    const paid = await stripe.invoices.pay(pending.latest_invoice as string, { payment_method: visa.id });
    expect(paid).toMatchObject({ status: 'paid', attempt_count: 2 });
    expect(paid.amount_paid).toBe(paid.amount_due);

    const applied = await stripe.subscriptions.retrieve(subscription.id);
    expect(applied).toMatchObject({ status: 'active', pending_update: null, latest_invoice: paid.id });
    expect(applied.items.data.map((i) => [i.id, i.price.id])).toEqual([[item.id, plans.pro.id]]);
    const [update] = (await stripe.events.list({ type: 'customer.subscription.updated', limit: 1 })).data as Stripe.CustomerSubscriptionUpdatedEvent[];
    expect(update!.data.previous_attributes).toMatchObject({ pending_update: expect.objectContaining({ expires_at: JAN_16 + 23 * HOUR }) });
    expect(update!.data.previous_attributes!.items!.data[0]!.price.id).toBe(plans.starter.id);
    expect((await stripe.events.list({ type: 'customer.subscription.pending_update_applied' })).data).toHaveLength(1);

    const invoices = (await stripe.invoices.list({ subscription: subscription.id })).data;
    expect(invoices.map((i) => [i.billing_reason, i.status])).toEqual([['subscription_update', 'paid'], ['subscription_create', 'paid']]);
    expect((await stripe.events.list({ type: 'invoice.paid' })).data).toHaveLength(2);
  });

  it('discards the update and voids its invoice when it expires unpaid', async () => {
    const { subscription, item } = await decliningCustomerAt(JAN_16);
    const pending = await upgrade(subscription, item);
    await stripe.testHelpers.testClocks.advance(clock.id, { frozen_time: JAN_16 + DAY });

    const expired = await stripe.subscriptions.retrieve(subscription.id);
    expect(expired).toMatchObject({ status: 'active', pending_update: null, latest_invoice: pending.latest_invoice });
    expect(expired.items.data[0]!.price.id).toBe(plans.starter.id);
    expect(await stripe.invoices.retrieve(pending.latest_invoice as string)).toMatchObject({
      status: 'void', next_payment_attempt: null, status_transitions: { voided_at: JAN_16 + 23 * HOUR },
    });
    const [event] = (await stripe.events.list({ type: 'customer.subscription.pending_update_expired' })).data;
    expect(event!.created).toBe(JAN_16 + 23 * HOUR);
    const payVoid = await stripe.invoices.pay(pending.latest_invoice as string).catch((e: unknown) => e);
    expect(payVoid).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);

    await stripe.testHelpers.testClocks.advance(clock.id, { frozen_time: FEB_1 + HOUR });
    const renewal = await stripe.invoices.retrieve((await stripe.subscriptions.retrieve(subscription.id)).latest_invoice as string);
    expect(renewal.lines.data.map((line) => line.amount)).toEqual([1000]);
  });

  it('expires at the period end when that comes within 23 hours, before the renewal bills the old price', async () => {
    const { subscription, item } = await decliningCustomerAt(FEB_1 - 2 * HOUR);
    const pending = await stripe.subscriptions.update(subscription.id, {
      items: [{ id: item.id, price: plans.pro.id }], proration_behavior: 'always_invoice', payment_behavior: 'pending_if_incomplete',
    });
    expect(pending.pending_update!.expires_at).toBe(FEB_1);
    await stripe.testHelpers.testClocks.advance(clock.id, { frozen_time: FEB_1 + HOUR });
    const after = await stripe.subscriptions.retrieve(subscription.id);
    expect(after.pending_update).toBeNull();
    const renewal = await stripe.invoices.retrieve(after.latest_invoice as string);
    expect(renewal).toMatchObject({ billing_reason: 'subscription_cycle', total: 1000 });
  });

  it('applies at once with no pending_update when the charge succeeds', async () => {
    const customer = await customerWithCard(stripe, 'pm_card_visa', { test_clock: clock.id });
    const subscription = await stripe.subscriptions.create({ customer: customer.id, items: [{ price: plans.starter.id }] });
    await stripe.testHelpers.testClocks.advance(clock.id, { frozen_time: JAN_16 });
    const updated = await upgrade(subscription, subscription.items.data[0]!, { metadata: { plan: 'pro' } });
    expect(updated).toMatchObject({ pending_update: null, status: 'active', metadata: { plan: 'pro' } });
    expect(updated.items.data[0]!.price.id).toBe(plans.pro.id);
    expect((await stripe.invoices.retrieve(updated.latest_invoice as string)).status).toBe('paid');
    expect((await stripe.events.list({ type: 'customer.subscription.pending_update_applied' })).data).toHaveLength(0);
  });

  it('keeps metadata in the pending update and merges it when applied', async () => {
    const { customer, subscription, item } = await decliningCustomerAt(JAN_16);
    const pending = await upgrade(subscription, item, { metadata: { plan: 'pro' } });
    expect(pending.metadata).toEqual({});
    expect(pending.pending_update!.metadata).toEqual({ plan: 'pro' });
    const visa = await stripe.paymentMethods.attach('pm_card_visa', { customer: customer.id });
    await stripe.invoices.pay(pending.latest_invoice as string, { payment_method: visa.id });
    expect((await stripe.subscriptions.retrieve(subscription.id)).metadata).toEqual({ plan: 'pro' });
  });

  it('keeps a trial_end in the pending update and applies it with the rest', async () => {
    const { customer, subscription, item } = await decliningCustomerAt(JAN_16);
    const pending = await upgrade(subscription, item, { trial_end: FEB_1 + 10 * DAY });
    expect(pending).toMatchObject({ status: 'active', trial_end: null, pending_update: { trial_end: FEB_1 + 10 * DAY, trial_from_plan: null } });
    const visa = await stripe.paymentMethods.attach('pm_card_visa', { customer: customer.id });
    await stripe.invoices.pay(pending.latest_invoice as string, { payment_method: visa.id });
    expect(await stripe.subscriptions.retrieve(subscription.id)).toMatchObject({ status: 'trialing', trial_end: FEB_1 + 10 * DAY, pending_update: null });
  });

  it('refuses parameters pending updates do not support', async () => {
    const { subscription, item } = await decliningCustomerAt(JAN_16);
    const withCancel = await upgrade(subscription, item, { cancel_at_period_end: true }).catch((e: unknown) => e);
    expect(withCancel).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(withCancel).toMatchObject({ statusCode: 400, param: 'cancel_at_period_end' });
    const withItemMetadata = await stripe.subscriptions.update(subscription.id, {
      items: [{ id: item.id, price: plans.pro.id, metadata: { a: 'b' } }], payment_behavior: 'pending_if_incomplete',
    }).catch((e: unknown) => e);
    expect(withItemMetadata).toMatchObject({ statusCode: 400, param: 'items[0][metadata]' });
    expect((await stripe.subscriptions.retrieve(subscription.id)).pending_update).toBeNull();
  });

  it('discards the pending update when its invoice is voided, and a new change replaces an old pending one', async () => {
    const { subscription, item } = await decliningCustomerAt(JAN_16);
    const first = await upgrade(subscription, item);
    const second = await stripe.subscriptions.update(subscription.id, {
      items: [{ id: item.id, price: plans.pro.id, quantity: 2 }], proration_behavior: 'always_invoice', payment_behavior: 'pending_if_incomplete',
    });
    expect((await stripe.invoices.retrieve(first.latest_invoice as string)).status).toBe('void');
    expect(second.pending_update!.subscription_items![0]!.quantity).toBe(2);
    expect(second.latest_invoice).not.toBe(first.latest_invoice);

    await stripe.invoices.voidInvoice(second.latest_invoice as string);
    const cleared = await stripe.subscriptions.retrieve(subscription.id);
    expect(cleared.pending_update).toBeNull();
    expect(cleared.items.data[0]).toMatchObject({ quantity: 1, price: { id: plans.starter.id } });
  });

  it('keeps the default payment_behavior allow_incomplete: a declined upgrade applies and leaves the subscription past_due', async () => {
    const { subscription, item } = await decliningCustomerAt(JAN_16);
    const updated = await stripe.subscriptions.update(subscription.id, {
      items: [{ id: item.id, price: plans.pro.id }], proration_behavior: 'always_invoice',
    });
    expect(updated).toMatchObject({ status: 'past_due', pending_update: null });
    expect(updated.items.data[0]!.price.id).toBe(plans.pro.id);
  });
});
