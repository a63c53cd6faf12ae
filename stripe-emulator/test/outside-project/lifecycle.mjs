// Run inside a throwaway project that installed only `stripe` and the packed emulator: starts the
// emulator with its command, drives a subscription to a paid renewal through the plain SDK and
// verifies the webhooks' signatures. Prints one JSON summary line.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:http';
import Stripe from 'stripe';

const [dataDir] = process.argv.slice(2);
const SECRET = 'whsec_outside_project_secret';
const DAY = 86_400;
const verified = [];
const rejected = [];
let stripe;

const receiver = createServer((req, res) => {
  let body = '';
  req.on('data', (chunk) => (body += chunk));
  req.on('end', () => {
    try {
      verified.push(stripe.webhooks.constructEvent(body, req.headers['stripe-signature'], SECRET));
      res.writeHead(200).end();
    } catch (error) {
      rejected.push(error.message);
      res.writeHead(400).end();
    }
  });
});
receiver.listen(0, '127.0.0.1');
await once(receiver, 'listening');
const webhookUrl = `http://127.0.0.1:${receiver.address().port}/webhooks`;

const emulator = spawn('npx', ['--yes=false', 'stripe-emulator-stateful', '--port', '0', '--data-dir', dataDir,
  '--webhook-url', webhookUrl, '--webhook-secret', SECRET], { stdio: ['ignore', 'pipe', 'inherit'], detached: true });
const stop = () => {
  try { process.kill(-emulator.pid, 'SIGTERM'); } catch { /* already gone */ }
};
process.on('exit', stop);
const url = await new Promise((resolve, reject) => {
  let output = '';
  emulator.stdout.on('data', (chunk) => {
    output += chunk;
    const match = /listening on (http:\/\/\S+)/.exec(output);
    if (match) resolve(match[1]);
  });
  emulator.once('exit', (code) => reject(new Error(`the emulator exited with ${code}: ${output}`)));
});

const { hostname, port } = new URL(url);
stripe = new Stripe('sk_test_outside_project', { host: hostname, port: Number(port), protocol: 'http', maxNetworkRetries: 0 });
const start = Math.floor(Date.now() / 1000);
const clock = await stripe.testHelpers.testClocks.create({ frozen_time: start });
const customer = await stripe.customers.create({
  email: 'outside@example.com', test_clock: clock.id,
  payment_method: 'pm_card_visa', invoice_settings: { default_payment_method: 'pm_card_visa' },
});
const product = await stripe.products.create({ name: 'Team' });
const price = await stripe.prices.create({ product: product.id, unit_amount: 1500, currency: 'usd', recurring: { interval: 'month' } });
const subscription = await stripe.subscriptions.create({ customer: customer.id, items: [{ price: price.id }] });
await stripe.testHelpers.testClocks.advance(clock.id, { frozen_time: start + 32 * DAY });
let ready = await stripe.testHelpers.testClocks.retrieve(clock.id);
while (ready.status !== 'ready') ready = await stripe.testHelpers.testClocks.retrieve(clock.id);
const invoices = await stripe.invoices.list({ subscription: subscription.id });
const renewal = invoices.data.find((invoice) => invoice.billing_reason === 'subscription_cycle');

// Deliveries arrive in their own time: wait for every one the run is judged on.
const deadline = Date.now() + 30_000;
const renewalPaid = () => verified.some((event) => event.type === 'invoice.paid' && event.data.object.id === renewal?.id);
const received = (type) => verified.some((event) => event.type === type);
const allArrived = () => renewalPaid() && received('customer.subscription.created') && received('test_helpers.test_clock.ready');
while (!allArrived() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));

console.log(JSON.stringify({
  subscriptionStatus: subscription.status,
  invoices: invoices.data.map((invoice) => ({ reason: invoice.billing_reason, status: invoice.status, paid: invoice.amount_paid })),
  renewalWebhookVerified: renewalPaid(),
  verifiedTypes: [...new Set(verified.map((event) => event.type))].sort(),
  rejected,
}));
stop();
receiver.close();
receiver.closeAllConnections();
