import { afterEach, describe, expect, it } from 'vitest';
import { createPlans, launch, type Harness } from './helpers';

describe('customer billing details', () => {
  let harness: Harness;
  afterEach(async () => harness.emulator.close());

  it('keeps the address, shipping and tax status a customer is given, clears them when sent empty, and prints the address on invoices', async () => {
    harness = await launch();
    const { stripe } = harness;
    const address = { line1: '1 Main St', line2: null, city: 'Springfield', state: 'IL', postal_code: '62701', country: 'US' };
    const customer = await stripe.customers.create({ email: 'ada@example.com', name: 'Ada Ltd', address: { ...address, line2: undefined }, payment_method: 'pm_card_visa', invoice_settings: { default_payment_method: 'pm_card_visa' } });
    expect(customer.address).toEqual(address);
    expect(customer.tax_exempt).toBe('none');

    const updated = await stripe.customers.update(customer.id, {
      address: { line1: '10 Rue de Rivoli', city: 'Paris', postal_code: '75001', country: 'FR' },
      shipping: { name: 'Ada Ltd, goods in', address: { line1: '2 Quai', city: 'Lyon', country: 'FR' } },
      tax_exempt: 'reverse',
    });
    expect(updated.address).toMatchObject({ line1: '10 Rue de Rivoli', city: 'Paris', country: 'FR', state: null });
    expect(updated.shipping).toEqual({ name: 'Ada Ltd, goods in', phone: null, address: { line1: '2 Quai', line2: null, city: 'Lyon', state: null, postal_code: null, country: 'FR' } });
    expect(updated.tax_exempt).toBe('reverse');

    const plans = await createPlans(stripe);
    const subscription = await stripe.subscriptions.create({ customer: customer.id, items: [{ price: plans.starter.id }] });
    const invoice = await stripe.invoices.retrieve(subscription.latest_invoice as string);
    expect(invoice.customer_address).toMatchObject({ line1: '10 Rue de Rivoli', country: 'FR' });
    expect(invoice.customer_name).toBe('Ada Ltd');

    const cleared = await stripe.customers.update(customer.id, { address: '', shipping: '' });
    expect(cleared.address).toBeNull();
    expect(cleared.shipping).toBeNull();
  });

  it('refuses an unknown country, shipping without a name, and a tax status Stripe does not have, naming the parameter', async () => {
    harness = await launch();
    const { stripe } = harness;
    const customer = await stripe.customers.create({ email: 'bob@example.com' });
    await expect(stripe.customers.update(customer.id, { address: { country: 'France' } })).rejects.toMatchObject({ statusCode: 400, param: 'address[country]' });
    await expect(stripe.customers.update(customer.id, { shipping: { address: { country: 'FR' } } as never })).rejects.toMatchObject({ statusCode: 400, code: 'parameter_missing', param: 'shipping[name]' });
    await expect(stripe.customers.update(customer.id, { tax_exempt: 'sometimes' as never })).rejects.toMatchObject({ statusCode: 400, param: 'tax_exempt' });
    expect((await stripe.customers.retrieve(customer.id)) as { address: unknown }).toMatchObject({ address: null });
  });
});
