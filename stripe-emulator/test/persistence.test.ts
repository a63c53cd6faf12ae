import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type Stripe from 'stripe';
import { afterEach, describe, expect, it } from 'vitest';
import { createPlans, customerWithCard, launch, startReceiver, waitForQuiet, type Receiver } from './helpers';

const SECRET = 'whsec_persist';

describe('persistence', () => {
  let dataDir: string;
  let receiver: Receiver | undefined;
  afterEach(async () => {
    await receiver?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('keeps all objects and undelivered webhooks across a restart with the same dataDir', async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'stripe-emulator-'));
    // First run: the app is down (nothing listens there), so deliveries stay pending.
    const first = await launch({ dataDir, webhookUrl: 'http://127.0.0.1:9/unreachable', webhookSecret: SECRET, retryBaseMs: 60_000 });
    const plans = await createPlans(first.stripe);
    const customer = await customerWithCard(first.stripe);
    const subscription = await first.stripe.subscriptions.create({ customer: customer.id, items: [{ price: plans.starter.id }] });
    const pendingBefore = (await first.stripe.events.list({ limit: 100 })).data.length;
    await first.emulator.close();
    expect((await readdir(dataDir)).sort()).toEqual(['state.json']);

    receiver = await startReceiver();
    const second = await launch({ dataDir, webhookUrl: receiver.url, webhookSecret: SECRET });
    try {
      const { stripe } = second;
      const restored = await stripe.subscriptions.retrieve(subscription.id);
      expect(restored.status).toBe('active');
      expect(((await stripe.customers.retrieve(customer.id)) as Stripe.Customer).email).toBe('jenny@example.com');
      expect((await stripe.invoices.retrieve(restored.latest_invoice as string)).status).toBe('paid');
      expect((await stripe.prices.list({ lookup_keys: ['pro_monthly'] })).data[0]?.id).toBe(plans.pro.id);

      await waitForQuiet(second.emulator);
      const delivered = receiver.bodies.map((body, i) => stripe.webhooks.constructEvent(body, receiver!.signatures[i]!, SECRET));
      expect(delivered).toHaveLength(pendingBefore);
      expect(delivered[0]!.type).toBe('product.created');
      expect(delivered.map((event) => event.type)).toContain('customer.subscription.created');

      // The restored state keeps working.
      const updated = await stripe.subscriptions.update(subscription.id, { metadata: { restarted: 'yes' } });
      expect(updated.metadata).toEqual({ restarted: 'yes' });
    } finally {
      await second.emulator.close();
    }
  });
});
