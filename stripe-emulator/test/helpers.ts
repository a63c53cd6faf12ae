import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../src/server';

export const DAY = 86_400;

export interface Harness {
  emulator: RunningEmulator;
  stripe: Stripe;
}

export function clientFor(emulator: RunningEmulator): Stripe {
  return new Stripe('sk_test_emulator', { host: 'localhost', port: emulator.port, protocol: 'http', maxNetworkRetries: 0 });
}

export async function launch(options: EmulatorOptions = {}): Promise<Harness> {
  const emulator = await startEmulator({ port: 0, ...options });
  return { emulator, stripe: clientFor(emulator) };
}

/** Polls the emulator until every webhook delivery is acknowledged. */
export async function waitForQuiet(emulator: RunningEmulator, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const response = await fetch(`${emulator.url}/_emulator/deliveries/pending`);
    const { pending } = (await response.json()) as { pending: number };
    if (pending === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('webhook deliveries still pending');
}

export interface Plans {
  starter: Stripe.Price;
  pro: Stripe.Price;
  proYearly: Stripe.Price;
}

export async function createPlans(stripe: Stripe): Promise<Plans> {
  const starterProduct = await stripe.products.create({ name: 'Starter' });
  const proProduct = await stripe.products.create({ name: 'Pro' });
  const monthly = { interval: 'month' as const };
  return {
    starter: await stripe.prices.create({ product: starterProduct.id, unit_amount: 1000, currency: 'usd', recurring: monthly, lookup_key: 'starter_monthly' }),
    pro: await stripe.prices.create({ product: proProduct.id, unit_amount: 3000, currency: 'usd', recurring: monthly, lookup_key: 'pro_monthly' }),
    proYearly: await stripe.prices.create({ product: proProduct.id, unit_amount: 30000, currency: 'usd', recurring: { interval: 'year' } }),
  };
}

/** A customer whose default payment method is the given Stripe test token. */
export async function customerWithCard(stripe: Stripe, token = 'pm_card_visa', extra: Stripe.CustomerCreateParams = {}): Promise<Stripe.Customer> {
  return stripe.customers.create({
    email: 'jenny@example.com',
    payment_method: token,
    invoice_settings: { default_payment_method: token },
    ...extra,
  });
}

export interface Receiver {
  url: string;
  bodies: string[];
  signatures: string[];
  attempts: number;
  close(): Promise<void>;
}

/** A webhook endpoint that answers 500 to its first `failFirst` requests. */
export async function startReceiver(failFirst = 0): Promise<Receiver> {
  const receiver: Omit<Receiver, 'url' | 'close'> = { bodies: [], signatures: [], attempts: 0 };
  const read = (req: IncomingMessage): Promise<string> =>
    new Promise((resolve) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    });
  const server: Server = createServer((req, res) => {
    void read(req).then((body) => {
      receiver.attempts += 1;
      if (receiver.attempts <= failFirst) {
        res.writeHead(500).end('not yet');
        return;
      }
      receiver.bodies.push(body);
      receiver.signatures.push(String(req.headers['stripe-signature']));
      res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, resolve));
  const port = (server.address() as AddressInfo).port;
  return Object.assign(receiver, {
    url: `http://localhost:${port}/api/webhooks/stripe`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  });
}
