import Stripe from 'stripe';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { launch, type Harness } from './helpers';

describe('refunds', () => {
  let harness: Harness;
  let stripe: Stripe;
  let paid: Stripe.PaymentIntent;
  beforeEach(async () => {
    harness = await launch();
    stripe = harness.stripe;
    paid = await stripe.paymentIntents.create({ amount: 3000, currency: 'usd', payment_method: 'pm_card_visa', confirm: true, allowed_payment_method_types: ['card'] });
  });
  afterEach(async () => harness.emulator.close());

  it('refunds part of a PaymentIntent’s charge at once, with refund.created and charge.refunded', async () => {
    const refund = await stripe.refunds.create({ payment_intent: paid.id, amount: 1000, reason: 'requested_by_customer' });
    expect(refund).toMatchObject({
      object: 'refund', status: 'succeeded', amount: 1000, currency: 'usd', charge: paid.latest_charge, payment_intent: paid.id, reason: 'requested_by_customer',
    });
    expect(refund.id).toMatch(/^re_/);
    expect(await stripe.charges.retrieve(paid.latest_charge as string)).toMatchObject({ amount_refunded: 1000, refunded: false });
    expect((await stripe.events.list({ type: 'refund.created' })).data.map((event) => (event.data.object as Stripe.Refund).id)).toEqual([refund.id]);
    expect((await stripe.events.list({ type: 'charge.refunded' })).data).toHaveLength(1);
  });

  it('refunds the rest by default, then refuses another refund with charge_already_refunded', async () => {
    await stripe.refunds.create({ payment_intent: paid.id, amount: 1000 });
    const rest = await stripe.refunds.create({ charge: paid.latest_charge as string });
    expect(rest.amount).toBe(2000);
    expect(await stripe.charges.retrieve(paid.latest_charge as string)).toMatchObject({ amount_refunded: 3000, refunded: true });
    const again = await stripe.refunds.create({ payment_intent: paid.id }).catch((error: Stripe.errors.StripeError) => error);
    expect(again).toMatchObject({ statusCode: 400, code: 'charge_already_refunded' });
  });

  it('refuses more than the unrefunded amount with amount_too_large, and an unpaid PaymentIntent', async () => {
    const tooMuch = await stripe.refunds.create({ payment_intent: paid.id, amount: 5000 }).catch((error: Stripe.errors.StripeError) => error);
    expect(tooMuch).toMatchObject({ statusCode: 400, code: 'amount_too_large', param: 'amount' });
    const unpaid = await stripe.paymentIntents.create({ amount: 100, currency: 'usd', allowed_payment_method_types: ['card'] });
    const refused = await stripe.refunds.create({ payment_intent: unpaid.id }).catch((error: Stripe.errors.StripeError) => error);
    expect(refused).toMatchObject({ statusCode: 400, param: 'payment_intent' });
  });
});
