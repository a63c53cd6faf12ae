import Stripe from 'stripe';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decodeForm } from '../src/http/form';
import { createPlans, customerWithCard, launch, type Harness } from './helpers';

describe('form decoding', () => {
  it('decodes Stripe bracket notation into nested params', () => {
    const params = decodeForm(
      'items[0][price]=price_a&items[0][quantity]=2&items[1][id]=si_x&items[1][deleted]=true' +
        '&expand[]=latest_invoice&expand[]=customer&metadata[0]=zero&metadata[plan%20name]=Pro+Plus' +
        '&subscription_details[items][0][id]=si_y&created[gte]=10',
    );
    expect(params).toEqual({
      items: [{ price: 'price_a', quantity: '2' }, { id: 'si_x', deleted: 'true' }],
      expand: ['latest_invoice', 'customer'],
      metadata: { 0: 'zero', 'plan name': 'Pro Plus' },
      subscription_details: { items: [{ id: 'si_y' }] },
      created: { gte: '10' },
    });
  });
});

describe('HTTP behaviour', () => {
  let harness: Harness;
  let stripe: Stripe;
  beforeEach(async () => {
    harness = await launch();
    stripe = harness.stripe;
  });
  afterEach(async () => harness.emulator.close());

  it('answers unknown ids with 404 resource_missing and bad params with 400, as StripeInvalidRequestError', async () => {
    const missing = await stripe.customers.retrieve('cus_nope').catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(missing).toMatchObject({ statusCode: 404, code: 'resource_missing', param: 'id', message: "No such customer: 'cus_nope'" });

    const badParam = await stripe.prices.create({ product: 'prod_nope', unit_amount: 100, currency: 'usd' }).catch((e: unknown) => e);
    expect(badParam).toMatchObject({ type: 'StripeInvalidRequestError', statusCode: 400, code: 'resource_missing', param: 'product' });

    const noName = await stripe.products.create({} as Stripe.ProductCreateParams).catch((e: unknown) => e);
    expect(noName).toMatchObject({ type: 'StripeInvalidRequestError', statusCode: 400, code: 'parameter_missing', param: 'name' });

    const badLimit = await stripe.customers.list({ limit: 101 }).catch((e: unknown) => e);
    expect(badLimit).toMatchObject({ statusCode: 400, param: 'limit' });
  });

  it('requires a test-mode key', async () => {
    const live = new Stripe('sk_live_nope', { host: 'localhost', port: harness.emulator.port, protocol: 'http', maxNetworkRetries: 0 });
    await expect(live.customers.list()).rejects.toBeInstanceOf(Stripe.errors.StripeAuthenticationError);
    const response = await fetch(`${harness.emulator.url}/v1/customers`);
    expect(response.status).toBe(401);
    expect(((await response.json()) as { error: { type: string } }).error.type).toBe('invalid_request_error');
    expect(await (await fetch(`${harness.emulator.url}/_emulator/health`)).json()).toEqual({ ok: true });
  });

  it('replays the stored response for a repeated Idempotency-Key and rejects it with other params', async () => {
    const first = await stripe.customers.create({ email: 'once@example.com' }, { idempotencyKey: 'signup-42' });
    const again = await stripe.customers.create({ email: 'once@example.com' }, { idempotencyKey: 'signup-42' });
    expect(again.id).toBe(first.id);
    expect((await stripe.customers.list({ email: 'once@example.com' })).data).toHaveLength(1);
    const clash = await stripe.customers.create({ email: 'other@example.com' }, { idempotencyKey: 'signup-42' }).catch((e: unknown) => e);
    expect(clash).toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
  });

  it('lists newest first with cursors and filters events by type, types[] and created', async () => {
    const customers: Stripe.Customer[] = [];
    for (let i = 0; i < 5; i++) customers.push(await stripe.customers.create({ email: `c${i}@example.com` }));
    const page1 = await stripe.customers.list({ limit: 2 });
    expect(page1.data.map((c) => c.id)).toEqual([customers[4]!.id, customers[3]!.id]);
    expect(page1.has_more).toBe(true);
    expect(page1.url).toBe('/v1/customers');
    const page2 = await stripe.customers.list({ limit: 2, starting_after: page1.data[1]!.id });
    expect(page2.data.map((c) => c.id)).toEqual([customers[2]!.id, customers[1]!.id]);
    const back = await stripe.customers.list({ limit: 2, ending_before: customers[1]!.id });
    expect(back.data.map((c) => c.id)).toEqual([customers[3]!.id, customers[2]!.id]);
    const all: string[] = [];
    for await (const customer of stripe.customers.list({ limit: 2 })) all.push(customer.id);
    expect(all).toHaveLength(5);

    await stripe.products.create({ name: 'P' });
    expect((await stripe.events.list({ type: 'customer.created' })).data).toHaveLength(5);
    expect((await stripe.events.list({ type: 'product.*' })).data.map((e) => e.type)).toEqual(['product.created']);
    const mixed = await stripe.events.list({ types: ['product.created', 'customer.created'], limit: 3 });
    expect(mixed.data.map((e) => e.type)).toEqual(['product.created', 'customer.created', 'customer.created']);
    expect(mixed.has_more).toBe(true);
    const created = mixed.data[0]!.created;
    expect((await stripe.events.list({ created: { gt: created } })).data).toHaveLength(0);
    expect((await stripe.events.list({ created: { lte: created }, limit: 100 })).data).toHaveLength(6);
    const event = await stripe.events.retrieve(mixed.data[0]!.id);
    expect(event).toMatchObject({ object: 'event', livemode: false, request: { id: expect.stringMatching(/^req_/), idempotency_key: expect.any(String) } });
  });

  it('expands references and returns deleted stubs', async () => {
    const plans = await createPlans(stripe);
    const customer = await customerWithCard(stripe);
    const subscription = await stripe.subscriptions.create({
      customer: customer.id, items: [{ price: plans.pro.id }], expand: ['latest_invoice', 'customer', 'items.data.price.product'],
    });
    expect((subscription.latest_invoice as Stripe.Invoice).object).toBe('invoice');
    expect((subscription.customer as Stripe.Customer).email).toBe('jenny@example.com');
    expect((subscription.items.data[0]!.price.product as Stripe.Product).name).toBe('Pro');
    const listed = await stripe.subscriptions.list({ customer: customer.id, expand: ['data.latest_invoice'] });
    expect((listed.data[0]!.latest_invoice as Stripe.Invoice).status).toBe('paid');

    await stripe.customers.del(customer.id);
    expect(await stripe.customers.retrieve(customer.id)).toMatchObject({ id: customer.id, deleted: true });
    const canceled = await stripe.subscriptions.retrieve(subscription.id);
    expect(canceled.status).toBe('canceled');
    expect((await stripe.events.list({ type: 'customer.subscription.deleted' })).data).toHaveLength(1);
  });

  it('filters prices by lookup_keys and moves a lookup key with transfer_lookup_key', async () => {
    const plans = await createPlans(stripe);
    const found = await stripe.prices.list({ lookup_keys: ['starter_monthly', 'pro_monthly'] });
    expect(found.data.map((p) => p.id).sort()).toEqual([plans.starter.id, plans.pro.id].sort());
    const clash = await stripe.prices.create({ product: plans.pro.product as string, unit_amount: 3500, currency: 'usd', recurring: { interval: 'month' }, lookup_key: 'pro_monthly' }).catch((e: unknown) => e);
    expect(clash).toMatchObject({ statusCode: 400, param: 'lookup_key' });
    const moved = await stripe.prices.create({
      product: plans.pro.product as string, unit_amount: 3500, currency: 'usd', recurring: { interval: 'month' }, lookup_key: 'pro_monthly', transfer_lookup_key: true,
    });
    expect((await stripe.prices.list({ lookup_keys: ['pro_monthly'] })).data.map((p) => p.id)).toEqual([moved.id]);
    expect((await stripe.prices.retrieve(plans.pro.id)).lookup_key).toBeNull();
  });
});
