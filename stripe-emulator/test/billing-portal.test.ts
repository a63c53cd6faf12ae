import Stripe from 'stripe';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPlans, customerWithCard, launch, type Harness, type Plans } from './helpers';

const PORTAL_KEYS = ['configuration', 'created', 'customer', 'customer_account', 'flow', 'id', 'livemode', 'locale', 'object', 'on_behalf_of', 'return_url', 'url'];

async function pickCard(session: Stripe.BillingPortal.Session, card: string): Promise<Response> {
  return fetch(`${session.url}/payment_method`, {
    method: 'POST', redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: `card=${card}`,
  });
}

describe('Billing Portal sessions', () => {
  let harness: Harness;
  let stripe: Stripe;
  let plans: Plans;

  beforeEach(async () => {
    harness = await launch();
    stripe = harness.stripe;
    plans = await createPlans(stripe);
  });
  afterEach(async () => harness.emulator.close());

  it('creates a payment_method_update session and makes the picked card the default', async () => {
    const customer = await customerWithCard(stripe, 'pm_card_chargeCustomerFail');
    const failing = customer.invoice_settings.default_payment_method as string;
    const subscription = await stripe.subscriptions.create({ customer: customer.id, items: [{ price: plans.starter.id }], default_payment_method: failing });
    const session = await stripe.billingPortal.sessions.create({
      customer: customer.id, return_url: 'https://app.example/billing',
      flow_data: { type: 'payment_method_update', after_completion: { type: 'redirect', redirect: { return_url: 'https://app.example/billing?card=updated' } } },
    });
    expect(PORTAL_KEYS.filter((key) => !(key in session))).toEqual([]);
    expect(session).toMatchObject({
      object: 'billing_portal.session', customer: customer.id, return_url: 'https://app.example/billing',
      flow: { type: 'payment_method_update', after_completion: { type: 'redirect', redirect: { return_url: 'https://app.example/billing?card=updated' } } },
    });
    expect(session.id).toMatch(/^bps_/);
    expect((await stripe.events.list({ type: 'billing_portal.session.created' })).data).toHaveLength(1);
    const page = await fetch(session.url);
    expect(await page.text()).toContain('•••• 0341');

    const response = await pickCard(session, 'pm_card_visa');
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('https://app.example/billing?card=updated');
    const updated = (await stripe.customers.retrieve(customer.id)) as Stripe.Customer;
    const visa = await stripe.paymentMethods.retrieve(updated.invoice_settings.default_payment_method as string);
    expect(visa.card?.last4).toBe('4242');
    expect((await stripe.subscriptions.retrieve(subscription.id)).default_payment_method).toBe(visa.id);
    // The new default pays what the old card could not.
    expect((await stripe.invoices.pay(subscription.latest_invoice as string)).status).toBe('paid');
  });

  it('opens the portal home without a flow and refuses flows it does not serve', async () => {
    const customer = await stripe.customers.create({ email: 'home@example.com' });
    const session = await stripe.billingPortal.sessions.create({ customer: customer.id });
    expect(session).toMatchObject({ flow: null, return_url: null });
    const response = await pickCard(session, 'pm_card_visa');
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('visa •••• 4242');
    const cancel = await stripe.billingPortal.sessions.create({
      customer: customer.id, flow_data: { type: 'subscription_cancel', subscription_cancel: { subscription: 'sub_x' } },
    }).catch((e: unknown) => e);
    expect(cancel).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(cancel).toMatchObject({ param: 'flow_data[type]' });
  });
});
