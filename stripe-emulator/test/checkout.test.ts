import Stripe from 'stripe';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPlans, launch, type Harness, type Plans } from './helpers';

const CHECKOUT_KEYS = ['adaptive_pricing', 'after_expiration', 'allow_promotion_codes', 'amount_subtotal', 'amount_total', 'automatic_tax', 'billing_address_collection', 'cancel_url', 'client_reference_id', 'client_secret', 'collected_information', 'consent', 'consent_collection', 'created', 'currency', 'currency_conversion', 'custom_fields', 'custom_text', 'customer', 'customer_account', 'customer_creation', 'customer_details', 'customer_email', 'discounts', 'expires_at', 'id', 'integration_identifier', 'invoice', 'invoice_creation', 'livemode', 'locale', 'managed_payments', 'metadata', 'mode', 'object', 'origin_context', 'payment_intent', 'payment_link', 'payment_method_collection', 'payment_method_configuration_details', 'payment_method_options', 'payment_method_types', 'payment_status', 'permissions', 'recovered_from', 'saved_payment_method_options', 'setup_intent', 'shipping_address_collection', 'shipping_cost', 'shipping_options', 'status', 'submit_type', 'subscription', 'success_url', 'total_details', 'ui_mode', 'url', 'wallet_options'];

/** What the buyer's browser does on the hosted page: post the chosen test card. */
async function payWith(session: Stripe.Checkout.Session, card: string): Promise<Response> {
  return fetch(`${session.url}/complete`, {
    method: 'POST', redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: `card=${card}`,
  });
}

describe('Checkout Sessions', () => {
  let harness: Harness;
  let stripe: Stripe;
  let plans: Plans;

  beforeEach(async () => {
    harness = await launch();
    stripe = harness.stripe;
    plans = await createPlans(stripe);
  });
  afterEach(async () => harness.emulator.close());

  const subscriptionSession = (extra: Partial<Stripe.Checkout.SessionCreateParams> = {}) => stripe.checkout.sessions.create({
    mode: 'subscription', line_items: [{ price: plans.pro.id, quantity: 1 }], customer_email: 'buyer@example.com',
    client_reference_id: 'user_42', success_url: 'https://app.example/billing?session={CHECKOUT_SESSION_ID}', cancel_url: 'https://app.example/billing',
    ...extra,
  });

  it('creates an open subscription session with Stripe’s keys and a page offering test cards', async () => {
    const session = await subscriptionSession();
    expect(CHECKOUT_KEYS.filter((key) => !(key in session))).toEqual([]);
    expect(session).toMatchObject({
      object: 'checkout.session', mode: 'subscription', status: 'open', payment_status: 'unpaid', amount_total: 3000, currency: 'usd',
      customer: null, customer_email: 'buyer@example.com', client_reference_id: 'user_42', subscription: null,
    });
    expect(session.id).toMatch(/^cs_test_/);
    expect(await stripe.checkout.sessions.retrieve(session.id)).toMatchObject({ id: session.id, status: 'open' });
    const page = await fetch(session.url!);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Pro');
    expect(html).toContain('pm_card_visa');
    expect(html).toContain('pm_card_chargeCustomerFail');
  });

  it('completes with pm_card_visa: customer, card, paid subscription, checkout.session.completed, redirect to success_url', async () => {
    const session = await subscriptionSession();
    const response = await payWith(session, 'pm_card_visa');
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(`https://app.example/billing?session=${session.id}`);

    const completed = await stripe.checkout.sessions.retrieve(session.id, { expand: ['subscription'] });
    expect(completed).toMatchObject({ status: 'complete', payment_status: 'paid', customer_details: { email: 'buyer@example.com' }, url: null });
    const subscription = completed.subscription as Stripe.Subscription;
    expect(subscription).toMatchObject({ status: 'active', customer: completed.customer });
    expect(subscription.items.data[0]!.price.id).toBe(plans.pro.id);
    expect((await stripe.invoices.retrieve(completed.invoice as string)).status).toBe('paid');
    expect(((await stripe.customers.retrieve(completed.customer as string)) as Stripe.Customer).email).toBe('buyer@example.com');

    const types = (await stripe.events.list({ limit: 100 })).data.map((event) => event.type).reverse();
    expect(types.at(-1)).toBe('checkout.session.completed');
    expect(types.indexOf('customer.subscription.created')).toBeGreaterThan(types.indexOf('payment_method.attached'));
    const [event] = (await stripe.events.list({ type: 'checkout.session.completed' })).data;
    expect(event!.request).toEqual({ id: null, idempotency_key: null });
    expect((event!.data.object as Stripe.Checkout.Session).client_reference_id).toBe('user_42');
  });

  it('keeps the session open and creates nothing when the card is declined', async () => {
    const session = await subscriptionSession();
    const response = await payWith(session, 'pm_card_chargeCustomerFail');
    expect(response.status).toBe(402);
    expect(await response.text()).toContain('Your card was declined.');
    expect((await stripe.checkout.sessions.retrieve(session.id)).status).toBe('open');
    expect((await stripe.subscriptions.list({ status: 'all' })).data).toHaveLength(0);
    expect((await stripe.customers.list()).data).toHaveLength(0);
  });

  it('starts a trial from subscription_data and bills nothing today', async () => {
    const session = await subscriptionSession({ subscription_data: { trial_period_days: 14, metadata: { source: 'checkout' } } });
    expect(session.amount_total).toBe(0);
    await payWith(session, 'pm_card_visa');
    const completed = await stripe.checkout.sessions.retrieve(session.id, { expand: ['subscription'] });
    expect(completed.payment_status).toBe('no_payment_required');
    expect(completed.subscription).toMatchObject({ status: 'trialing', metadata: { source: 'checkout' } });
  });

  it('saves a card for an existing customer in setup mode', async () => {
    const customer = await stripe.customers.create({ email: 'saver@example.com' });
    const session = await stripe.checkout.sessions.create({ mode: 'setup', customer: customer.id, success_url: 'https://app.example/done', currency: 'usd' });
    expect(session).toMatchObject({ mode: 'setup', payment_status: 'no_payment_required', amount_total: null, customer: customer.id });
    expect((await payWith(session, 'pm_card_visa')).status).toBe(303);
    expect((await stripe.customers.listPaymentMethods(customer.id)).data.map((pm) => pm.card?.last4)).toEqual(['4242']);
    expect(await stripe.checkout.sessions.retrieve(session.id)).toMatchObject({ status: 'complete', subscription: null });
  });

  it('expires an open session and refuses what it does not serve', async () => {
    const session = await subscriptionSession();
    expect(await stripe.checkout.sessions.expire(session.id)).toMatchObject({ status: 'expired', url: null });
    expect((await stripe.events.list({ type: 'checkout.session.expired' })).data).toHaveLength(1);
    expect((await payWith(session, 'pm_card_visa')).status).toBe(200);
    expect((await stripe.subscriptions.list({ status: 'all' })).data).toHaveLength(0);

    const payment = await stripe.checkout.sessions.create({ mode: 'payment', line_items: [{ price: plans.pro.id, quantity: 1 }] }).catch((e: unknown) => e);
    expect(payment).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(await stripe.checkout.sessions.create({ mode: 'subscription' }).catch((e: unknown) => e)).toMatchObject({ code: 'parameter_missing', param: 'line_items' });
  });
});
