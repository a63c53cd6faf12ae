import Stripe from 'stripe';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { launch, type Harness } from './helpers';

const CARDS = { allowed_payment_method_types: ['card'] };

async function eventTypes(stripe: Stripe, objectId: string): Promise<string[]> {
  const events = await stripe.events.list({ limit: 100 });
  return events.data.filter((event) => (event.data.object as { id?: string }).id === objectId).map((event) => event.type).reverse();
}

async function rejection(call: Promise<unknown>): Promise<Stripe.errors.StripeError> {
  return call.then(() => { throw new Error('expected a failure'); }, (error: Stripe.errors.StripeError) => error);
}

/** The hosted 3D Secure challenge: what the customer's browser posts. */
async function answerChallenge(url: string, result: 'succeed' | 'fail'): Promise<Response> {
  return fetch(url, { method: 'POST', redirect: 'manual', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: `result=${result}` });
}

describe('PaymentIntents', () => {
  let harness: Harness;
  let stripe: Stripe;
  beforeEach(async () => {
    harness = await launch();
    stripe = harness.stripe;
  });
  afterEach(async () => harness.emulator.close());

  it('starts as requires_payment_method with Stripe’s defaults, then requires_confirmation once it has a card', async () => {
    const intent = await stripe.paymentIntents.create({ amount: 2000, currency: 'USD' });
    expect(intent).toMatchObject({
      object: 'payment_intent', status: 'requires_payment_method', amount: 2000, currency: 'usd', capture_method: 'automatic_async',
      confirmation_method: 'automatic', automatic_payment_methods: { enabled: true, allow_redirects: 'always' }, payment_method_types: ['card'],
      latest_charge: null, last_payment_error: null, next_action: null, amount_received: 0,
    });
    expect(intent.id).toMatch(/^pi_/);
    expect(intent.client_secret).toMatch(new RegExp(`^${intent.id}_secret_`));
    const updated = await stripe.paymentIntents.update(intent.id, { payment_method: 'pm_card_visa', metadata: { order: '1' } });
    expect(updated).toMatchObject({ status: 'requires_confirmation', metadata: { order: '1' } });
    expect(await eventTypes(stripe, intent.id)).toEqual(['payment_intent.created']);
  });

  it('succeeds with pm_card_visa: a paid charge, amount_received, and created, charge.succeeded, succeeded events', async () => {
    const customer = await stripe.customers.create({ email: 'ada@example.com' });
    const intent = await stripe.paymentIntents.create({
      amount: 2000, currency: 'usd', customer: customer.id, payment_method: 'pm_card_visa', confirm: true, setup_future_usage: 'off_session', ...CARDS,
    });
    expect(intent).toMatchObject({ status: 'succeeded', amount_received: 2000, customer: customer.id });
    const charge = await stripe.charges.retrieve(intent.latest_charge as string);
    expect(charge).toMatchObject({ status: 'succeeded', paid: true, captured: true, amount: 2000, payment_intent: intent.id, payment_method: intent.payment_method });
    expect(charge.payment_method_details?.card).toMatchObject({ brand: 'visa', last4: '4242' });
    expect(await eventTypes(stripe, intent.id)).toEqual(['payment_intent.created', 'payment_intent.succeeded']);
    expect(await eventTypes(stripe, charge.id)).toEqual(['charge.succeeded']);
    // setup_future_usage saves the card to the customer.
    const saved = await stripe.paymentMethods.retrieve(intent.payment_method as string);
    expect(saved.customer).toBe(customer.id);
  });

  it('holds the amount with capture_method=manual until captured', async () => {
    const intent = await stripe.paymentIntents.create({ amount: 5000, currency: 'usd', capture_method: 'manual', payment_method: 'pm_card_visa', confirm: true, ...CARDS });
    expect(intent).toMatchObject({ status: 'requires_capture', amount_capturable: 5000, amount_received: 0 });
    const captured = await stripe.paymentIntents.capture(intent.id, { amount_to_capture: 4000 });
    expect(captured).toMatchObject({ status: 'succeeded', amount_capturable: 0, amount_received: 4000 });
    expect(await stripe.charges.retrieve(intent.latest_charge as string)).toMatchObject({ captured: true, amount_captured: 4000 });
    expect(await eventTypes(stripe, intent.id)).toEqual(['payment_intent.created', 'payment_intent.amount_capturable_updated', 'payment_intent.succeeded']);
  });

  it('declines pm_card_chargeCustomerFail with a 402 and leaves requires_payment_method with last_payment_error', async () => {
    const intent = await stripe.paymentIntents.create({ amount: 900, currency: 'usd', payment_method: 'pm_card_chargeCustomerFail', ...CARDS });
    const error = await rejection(stripe.paymentIntents.confirm(intent.id));
    expect(error).toBeInstanceOf(Stripe.errors.StripeCardError);
    expect(error).toMatchObject({ statusCode: 402, code: 'card_declined', decline_code: 'generic_decline' });
    expect(error.payment_intent).toMatchObject({ id: intent.id, status: 'requires_payment_method' });
    const after = await stripe.paymentIntents.retrieve(intent.id);
    expect(after.status).toBe('requires_payment_method');
    expect(after.last_payment_error).toMatchObject({ type: 'card_error', code: 'card_declined', decline_code: 'generic_decline', payment_method: { id: intent.payment_method } });
    expect(await stripe.charges.retrieve(after.latest_charge as string)).toMatchObject({ status: 'failed', paid: false, failure_code: 'card_declined' });
    expect(await eventTypes(stripe, intent.id)).toEqual(['payment_intent.created', 'payment_intent.payment_failed']);
    // Another card on the same intent pays.
    expect(await stripe.paymentIntents.confirm(intent.id, { payment_method: 'pm_card_visa' })).toMatchObject({ status: 'succeeded', last_payment_error: null });
  });

  it('asks for 3D Secure with pm_card_threeDSecure2Required: requires_action, next_action, and the challenge decides', async () => {
    const intent = await stripe.paymentIntents.create({
      amount: 3000, currency: 'usd', payment_method: 'pm_card_threeDSecure2Required', confirm: true, return_url: 'https://app.example/return',
    });
    expect(intent.status).toBe('requires_action');
    expect(intent.next_action).toMatchObject({ type: 'redirect_to_url', redirect_to_url: { return_url: 'https://app.example/return' } });
    const page = await fetch(intent.next_action!.redirect_to_url!.url!);
    expect(await page.text()).toContain('Complete authentication');
    const response = await answerChallenge(intent.next_action!.redirect_to_url!.url!, 'succeed');
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(`https://app.example/return?payment_intent=${intent.id}&payment_intent_client_secret=${intent.client_secret}&redirect_status=succeeded`);
    const paid = await stripe.paymentIntents.retrieve(intent.id);
    expect(paid).toMatchObject({ status: 'succeeded', next_action: null, amount_received: 3000 });
    const charge = await stripe.charges.retrieve(paid.latest_charge as string);
    expect(charge.payment_method_details?.card?.three_d_secure).toMatchObject({ result: 'authenticated' });
    expect(await eventTypes(stripe, intent.id)).toEqual(['payment_intent.created', 'payment_intent.requires_action', 'payment_intent.succeeded']);
  });

  it('fails a failed challenge with payment_intent_authentication_failure, and off-session with authentication_required', async () => {
    const intent = await stripe.paymentIntents.create({ amount: 3000, currency: 'usd', payment_method: 'pm_card_authenticationRequired', confirm: true, ...CARDS });
    expect(intent.next_action?.type).toBe('use_stripe_sdk');
    await answerChallenge(`${harness.emulator.url}/_emulator/authenticate/${intent.id}`, 'fail');
    const failed = await stripe.paymentIntents.retrieve(intent.id);
    expect(failed).toMatchObject({ status: 'requires_payment_method', last_payment_error: { code: 'payment_intent_authentication_failure', type: 'invalid_request_error' } });
    expect(await eventTypes(stripe, intent.id)).toEqual(['payment_intent.created', 'payment_intent.requires_action', 'payment_intent.payment_failed']);

    const offSession = await rejection(stripe.paymentIntents.confirm(intent.id, { off_session: true }));
    expect(offSession).toMatchObject({ statusCode: 402, code: 'authentication_required', decline_code: 'authentication_required' });
  });

  it('wants a return_url to confirm with automatic payment methods that allow redirects, as Stripe does', async () => {
    const error = await rejection(stripe.paymentIntents.create({ amount: 100, currency: 'usd', payment_method: 'pm_card_visa', confirm: true }));
    expect(error).toMatchObject({ statusCode: 400, param: 'return_url' });
    const noRedirects = await stripe.paymentIntents.create({
      amount: 100, currency: 'usd', payment_method: 'pm_card_visa', confirm: true, automatic_payment_methods: { enabled: true, allow_redirects: 'never' },
    });
    expect(noRedirects.status).toBe('succeeded');
  });

  it('cancels only what is not yet paid, with cancellation_reason and payment_intent.canceled', async () => {
    const intent = await stripe.paymentIntents.create({ amount: 700, currency: 'usd', ...CARDS });
    const canceled = await stripe.paymentIntents.cancel(intent.id, { cancellation_reason: 'requested_by_customer' });
    expect(canceled).toMatchObject({ status: 'canceled', cancellation_reason: 'requested_by_customer' });
    expect(canceled.canceled_at).toEqual(expect.any(Number));
    expect(await eventTypes(stripe, intent.id)).toEqual(['payment_intent.created', 'payment_intent.canceled']);
    const again = await rejection(stripe.paymentIntents.confirm(intent.id, { payment_method: 'pm_card_visa' }));
    expect(again).toMatchObject({ statusCode: 400, code: 'payment_intent_unexpected_state' });
  });

  it('lists newest first, by customer, with limit and starting_after', async () => {
    const customer = await stripe.customers.create({});
    const first = await stripe.paymentIntents.create({ amount: 100, currency: 'usd', customer: customer.id, ...CARDS });
    const second = await stripe.paymentIntents.create({ amount: 200, currency: 'usd', customer: customer.id, ...CARDS });
    await stripe.paymentIntents.create({ amount: 300, currency: 'usd', ...CARDS });
    const page = await stripe.paymentIntents.list({ customer: customer.id, limit: 1 });
    expect(page.data.map((intent) => intent.id)).toEqual([second.id]);
    expect(page.has_more).toBe(true);
    const next = await stripe.paymentIntents.list({ customer: customer.id, limit: 1, starting_after: second.id });
    expect(next.data.map((intent) => intent.id)).toEqual([first.id]);
  });
});
