import Stripe from 'stripe';
import { afterEach, describe, expect, it } from 'vitest';
import { launch, startReceiver, waitForQuiet, type Harness, type Receiver } from './helpers';

const SECRET = 'whsec_test_emulator';

describe('webhook delivery', () => {
  let harness: Harness | undefined;
  let receiver: Receiver | undefined;
  afterEach(async () => {
    await harness?.emulator.close();
    await receiver?.close();
  });

  it('signs each delivery so stripe.webhooks.constructEvent accepts it, in creation order', async () => {
    receiver = await startReceiver();
    harness = await launch({ webhookUrl: receiver.url, webhookSecret: SECRET });
    const { stripe, emulator } = harness;
    const product = await stripe.products.create({ name: 'Pro' });
    await stripe.products.update(product.id, { metadata: { tier: 'pro' } });
    const customer = await stripe.customers.create({ email: 'a@example.com' }, { idempotencyKey: 'create-a' });
    await waitForQuiet(emulator);

    const events = receiver.bodies.map((body, i) => stripe.webhooks.constructEvent(body, receiver!.signatures[i]!, SECRET));
    expect(events.map((event) => event.type)).toEqual(['product.created', 'product.updated', 'customer.created']);
    const updated = events[1] as Stripe.ProductUpdatedEvent;
    // Stripe reports a key that did not exist before as null.
    expect(updated.data.previous_attributes).toMatchObject({ metadata: { tier: null } });
    expect(events[2]!.request).toEqual({ id: expect.stringMatching(/^req_/), idempotency_key: 'create-a' });
    expect((events[2]!.data.object as Stripe.Customer).id).toBe(customer.id);
    expect(receiver.signatures[0]).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(() => stripe.webhooks.constructEvent(receiver!.bodies[0]!, receiver!.signatures[0]!, 'whsec_wrong')).toThrow(
      Stripe.errors.StripeSignatureVerificationError,
    );
    const stored = await stripe.events.retrieve(events[0]!.id);
    expect(stored.pending_webhooks).toBe(0);
  });

  it('retries a failing endpoint with backoff until the third attempt succeeds', async () => {
    receiver = await startReceiver(2);
    harness = await launch({ webhookUrl: receiver.url, webhookSecret: SECRET, retryBaseMs: 30 });
    const { stripe, emulator } = harness;
    const started = Date.now();
    const product = await stripe.products.create({ name: 'Retry me' });
    const [event] = (await stripe.events.list({ type: 'product.created' })).data;
    expect(event?.pending_webhooks).toBe(1);
    await waitForQuiet(emulator);
    expect(receiver.attempts).toBe(3);
    expect(Date.now() - started).toBeGreaterThanOrEqual(30 + 60);
    const delivered = stripe.webhooks.constructEvent(receiver.bodies[0]!, receiver.signatures[0]!, SECRET);
    expect((delivered.data.object as Stripe.Product).id).toBe(product.id);
    expect((await stripe.events.retrieve(event!.id)).pending_webhooks).toBe(0);
  });

  it('delivers a waiting event at once when asked to retry now, without waiting out its backoff', async () => {
    receiver = await startReceiver(1);
    harness = await launch({ webhookUrl: receiver.url, webhookSecret: SECRET, retryBaseMs: 60_000 });
    const { stripe, emulator } = harness;
    await stripe.products.create({ name: 'Late app' });
    while (receiver.attempts < 1) await new Promise((resolve) => setTimeout(resolve, 10));
    const response = await fetch(`${emulator.url}/_emulator/deliveries/retry`, { method: 'POST' });
    expect(response.status).toBe(200);
    await waitForQuiet(emulator, 2000);
    expect(receiver.attempts).toBe(2);
  });

  it('gives up after maxDeliveryAttempts', async () => {
    receiver = await startReceiver(100);
    harness = await launch({ webhookUrl: receiver.url, webhookSecret: SECRET, retryBaseMs: 5, maxDeliveryAttempts: 3 });
    await harness.stripe.products.create({ name: 'Never delivered' });
    await waitForQuiet(harness.emulator);
    expect(receiver.attempts).toBe(3);
    expect(receiver.bodies).toHaveLength(0);
  });
});
