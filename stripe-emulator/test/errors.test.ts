import Stripe from 'stripe';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { billingPortalRoutes } from '../src/resources/billing-portal';
import { checkoutRoutes } from '../src/resources/checkout';
import { customerRoutes } from '../src/resources/customers';
import { eventRoutes } from '../src/resources/events';
import { invoiceItemRoutes } from '../src/resources/invoice-items';
import { invoiceRoutes } from '../src/resources/invoices';
import { paymentMethodRoutes } from '../src/resources/payment-methods';
import { priceRoutes } from '../src/resources/prices';
import { productRoutes } from '../src/resources/products';
import { subscriptionRoutes } from '../src/resources/subscriptions';
import { testClockRoutes } from '../src/resources/test-clocks';
import { createPlans, customerWithCard, launch, type Harness } from './helpers';

const failure = (promise: Promise<unknown>): Promise<unknown> => promise.then(() => null, (error: unknown) => error);

describe('errors as Stripe gives them', () => {
  let harness: Harness;
  let stripe: Stripe;
  beforeEach(async () => {
    harness = await launch();
    stripe = harness.stripe;
  });
  afterEach(async () => harness.emulator.close());

  it('answers an unknown URL with 404 and Stripe’s "Unrecognized request URL" message', async () => {
    const error = await failure(stripe.rawRequest('GET', '/v1/nothing_here'));
    expect(error).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(error).toMatchObject({
      statusCode: 404,
      message: 'Unrecognized request URL (GET: /v1/nothing_here). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.',
    });
    expect((error as Stripe.errors.StripeError).code).toBeUndefined();
  });

  it('answers an unknown object with resource_missing: 404 by path, 400 by parameter', async () => {
    // Each lookup starts only when awaited: a rejection waiting in an array unobserved is an unhandled one.
    const lookups = [() => stripe.subscriptions.retrieve('sub_nope'), () => stripe.invoices.retrieve('in_nope'), () => stripe.prices.retrieve('price_nope')];
    for (const lookup of lookups) {
      const error = await failure(lookup());
      expect(error).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
      expect(error).toMatchObject({ statusCode: 404, code: 'resource_missing', param: 'id', doc_url: 'https://stripe.com/docs/error-codes/resource-missing' });
    }
    const byParam = await failure(stripe.subscriptions.create({ customer: 'cus_nope', items: [{ price: 'price_nope' }] }));
    expect(byParam).toMatchObject({ statusCode: 400, code: 'resource_missing', param: 'customer', message: "No such customer: 'cus_nope'" });
  });

  it('refuses bad parameters with Stripe’s codes', async () => {
    const integer = await failure(stripe.customers.list({ limit: 'ten' as unknown as number }));
    expect(integer).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(integer).toMatchObject({ statusCode: 400, code: 'parameter_invalid_integer', param: 'limit', message: 'Invalid integer: ten' });

    const empty = await failure(stripe.products.create({ name: '' }));
    expect(empty).toMatchObject({ statusCode: 400, code: 'parameter_invalid_empty', param: 'name' });
    expect((empty as Error).message).toMatch(/^You passed an empty string for 'name'/);

    const missing = await failure(stripe.prices.create({ currency: 'usd', unit_amount: 100 } as Stripe.PriceCreateParams));
    expect(missing).toMatchObject({ statusCode: 400, code: 'parameter_missing', param: 'product', message: 'Missing required param: product.' });
  });

  it('refuses unknown parameters with parameter_unknown, naming nested ones in brackets', async () => {
    const topLevel = await failure(stripe.customers.create({ colour: 'red' } as Stripe.CustomerCreateParams));
    expect(topLevel).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(topLevel).toMatchObject({ statusCode: 400, code: 'parameter_unknown', param: 'colour', message: 'Received unknown parameter: colour' });

    const plans = await createPlans(stripe);
    const customer = await customerWithCard(stripe);
    const nested = await failure(stripe.subscriptions.create({
      customer: customer.id, items: [{ price: plans.pro.id, colour: 'red' } as Stripe.SubscriptionCreateParams.Item],
    }));
    expect(nested).toMatchObject({ code: 'parameter_unknown', param: 'items[0][colour]' });
    const onList = await failure(stripe.invoices.list({ colour: 'red' } as Stripe.InvoiceListParams));
    expect(onList).toMatchObject({ code: 'parameter_unknown', param: 'colour' });
    // Free-form keys (metadata) are never unknown.
    expect((await stripe.customers.create({ metadata: { colour: 'red' } })).metadata).toEqual({ colour: 'red' });
  });

  it('replays an idempotent request and refuses the key with other parameters (idempotency_error)', async () => {
    const first = await stripe.customers.create({ email: 'a@example.com' }, { idempotencyKey: 'key-1' });
    const replay = await stripe.customers.create({ email: 'a@example.com' }, { idempotencyKey: 'key-1' });
    expect(replay.id).toBe(first.id);
    expect(replay.lastResponse.headers['idempotent-replayed']).toBe('true');
    const clash = await failure(stripe.customers.create({ email: 'b@example.com' }, { idempotencyKey: 'key-1' }));
    expect(clash).toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
    expect(clash).toMatchObject({ statusCode: 400, type: 'StripeIdempotencyError' });
    const otherEndpoint = await failure(stripe.products.create({ name: 'P' }, { idempotencyKey: 'key-1' }));
    expect(otherEndpoint).toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
  });

  it('reports card declines as 402 card_error with card_declined and a decline_code', async () => {
    const refused = await failure(stripe.customers.create({ payment_method: 'pm_card_chargeDeclined' }));
    expect(refused).toBeInstanceOf(Stripe.errors.StripeCardError);
    expect(refused).toMatchObject({ statusCode: 402, code: 'card_declined', decline_code: 'generic_decline' });

    const plans = await createPlans(stripe);
    const customer = await customerWithCard(stripe, 'pm_card_chargeCustomerFail');
    const subscription = await stripe.subscriptions.create({ customer: customer.id, items: [{ price: plans.pro.id }] });
    const declined = await failure(stripe.invoices.pay(subscription.latest_invoice as string));
    expect(declined).toBeInstanceOf(Stripe.errors.StripeCardError);
    expect(declined).toMatchObject({ statusCode: 402, code: 'card_declined', decline_code: 'generic_decline', message: 'Your card was declined.' });
  });

  it('knows the accepted parameters of every API route', () => {
    const routes = [
      ...customerRoutes, ...eventRoutes, ...invoiceRoutes, ...invoiceItemRoutes, ...paymentMethodRoutes, ...priceRoutes,
      ...productRoutes, ...subscriptionRoutes, ...testClockRoutes, ...checkoutRoutes, ...billingPortalRoutes,
    ].filter((route) => !route.open);
    expect(routes.filter((route) => !route.known).map((route) => `${route.method} ${route.pattern}`)).toEqual([]);
  });
});
