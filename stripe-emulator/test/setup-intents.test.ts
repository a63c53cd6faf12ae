import Stripe from 'stripe';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { launch, type Harness } from './helpers';

const CARDS = { allowed_payment_method_types: ['card'] };

async function eventTypes(stripe: Stripe, objectId: string): Promise<string[]> {
  const events = await stripe.events.list({ limit: 100 });
  return events.data.filter((event) => (event.data.object as { id?: string }).id === objectId).map((event) => event.type).reverse();
}

describe('SetupIntents', () => {
  let harness: Harness;
  let stripe: Stripe;
  let customer: Stripe.Customer;
  beforeEach(async () => {
    harness = await launch();
    stripe = harness.stripe;
    customer = await stripe.customers.create({ email: 'ada@example.com' });
  });
  afterEach(async () => harness.emulator.close());

  it('saves a card: requires_payment_method, then succeeded with the card attached to the customer', async () => {
    const intent = await stripe.setupIntents.create({ customer: customer.id, ...CARDS });
    expect(intent).toMatchObject({ object: 'setup_intent', status: 'requires_payment_method', usage: 'off_session', customer: customer.id, payment_method: null });
    expect(intent.client_secret).toMatch(new RegExp(`^${intent.id}_secret_`));
    const confirmed = await stripe.setupIntents.confirm(intent.id, { payment_method: 'pm_card_visa' });
    expect(confirmed.status).toBe('succeeded');
    expect((await stripe.paymentMethods.retrieve(confirmed.payment_method as string)).customer).toBe(customer.id);
    expect(await eventTypes(stripe, intent.id)).toEqual(['setup_intent.created', 'setup_intent.succeeded']);
  });

  it('sets up pm_card_chargeCustomerFail (the card is valid; its charges fail later)', async () => {
    const intent = await stripe.setupIntents.create({ customer: customer.id, payment_method: 'pm_card_chargeCustomerFail', confirm: true, ...CARDS });
    expect(intent.status).toBe('succeeded');
  });

  it('fails a declined card with a 402, last_setup_error and setup_intent.setup_failed', async () => {
    const intent = await stripe.setupIntents.create({ customer: customer.id, payment_method: 'pm_card_chargeDeclined', ...CARDS });
    expect(intent.status).toBe('requires_confirmation');
    const error = await stripe.setupIntents.confirm(intent.id).then(() => null, (failure: Stripe.errors.StripeError) => failure);
    expect(error).toMatchObject({ statusCode: 402, code: 'card_declined', setup_intent: { id: intent.id, status: 'requires_payment_method' } });
    const after = await stripe.setupIntents.retrieve(intent.id);
    expect(after.last_setup_error).toMatchObject({ type: 'card_error', code: 'card_declined' });
    expect(await eventTypes(stripe, intent.id)).toEqual(['setup_intent.created', 'setup_intent.setup_failed']);
  });

  it('asks for authentication with pm_card_authenticationRequired, and succeeds once the challenge passes', async () => {
    const intent = await stripe.setupIntents.create({
      customer: customer.id, payment_method: 'pm_card_authenticationRequired', confirm: true, return_url: 'https://app.example/cards',
    });
    expect(intent).toMatchObject({ status: 'requires_action', next_action: { type: 'redirect_to_url' } });
    const response = await fetch(intent.next_action!.redirect_to_url!.url!, {
      method: 'POST', redirect: 'manual', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'result=succeed',
    });
    expect(response.headers.get('location')).toContain(`setup_intent=${intent.id}`);
    expect(await stripe.setupIntents.retrieve(intent.id)).toMatchObject({ status: 'succeeded', next_action: null });
    expect(await eventTypes(stripe, intent.id)).toEqual(['setup_intent.created', 'setup_intent.requires_action', 'setup_intent.succeeded']);
  });

  it('cancels with cancellation_reason and setup_intent.canceled, and lists by customer', async () => {
    const intent = await stripe.setupIntents.create({ customer: customer.id, ...CARDS });
    expect(await stripe.setupIntents.cancel(intent.id, { cancellation_reason: 'abandoned' })).toMatchObject({ status: 'canceled', cancellation_reason: 'abandoned' });
    expect(await eventTypes(stripe, intent.id)).toEqual(['setup_intent.created', 'setup_intent.canceled']);
    const listed = await stripe.setupIntents.list({ customer: customer.id });
    expect(listed.data.map((entry) => entry.id)).toEqual([intent.id]);
  });
});
