import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Ctx } from './types.js';
import { DEFAULT_HOST, type EmulatorOptions } from './config.js';
import { recordEvent, type EventSink } from './core/events.js';
import { Store } from './core/store.js';
import { realNow } from './core/time.js';
import { WebhookDispatcher } from './core/webhooks.js';
import { runDueWork } from './billing/due-work.js';
import { createRequestListener } from './http/handler.js';
import type { Route } from './http/router.js';
import { authenticatePageRoutes } from './resources/authenticate-page.js';
import { billingPortalRoutes } from './resources/billing-portal.js';
import { chargeRoutes } from './resources/charges.js';
import { checkoutRoutes } from './resources/checkout.js';
import { checkoutPageRoutes } from './resources/checkout-page.js';
import { balanceTransactionRoutes } from './resources/balance-transactions.js';
import { couponRoutes } from './resources/coupons.js';
import { creditNotePageRoutes, creditNoteRoutes } from './resources/credit-notes.js';
import { customerRoutes } from './resources/customers.js';
import { emulatorRoutes } from './resources/emulator.js';
import { eventRoutes } from './resources/events.js';
import { invoiceItemRoutes } from './resources/invoice-items.js';
import { invoicePaymentRoutes } from './resources/invoice-payments.js';
import { invoiceRoutes } from './resources/invoices.js';
import { paymentIntentRoutes } from './resources/payment-intents.js';
import { paymentMethodRoutes } from './resources/payment-methods.js';
import { priceRoutes } from './resources/prices.js';
import { productRoutes } from './resources/products.js';
import { promotionCodeRoutes } from './resources/promotion-codes.js';
import { refundRoutes } from './resources/refunds.js';
import { setupIntentRoutes } from './resources/setup-intents.js';
import { subscriptionRoutes } from './resources/subscriptions.js';
import { subscriptionScheduleRoutes } from './resources/subscription-schedules.js';
import { taxIdRoutes } from './resources/tax-ids.js';
import { testClockRoutes } from './resources/test-clocks.js';

export type { EmulatorOptions };

export interface RunningEmulator {
  url: string;
  host: string;
  port: number;
  close(): Promise<void>;
}

/** Every Stripe API route the emulator serves (the `/_emulator` pages and controls come on top). */
export const API_ROUTES: Route[] = [
  ...productRoutes, ...priceRoutes, ...customerRoutes, ...paymentMethodRoutes,
  ...subscriptionRoutes, ...subscriptionScheduleRoutes, ...invoiceRoutes, ...invoiceItemRoutes, ...eventRoutes, ...testClockRoutes,
  ...checkoutRoutes, ...billingPortalRoutes, ...paymentIntentRoutes, ...setupIntentRoutes, ...chargeRoutes, ...refundRoutes, ...taxIdRoutes,
  ...couponRoutes, ...promotionCodeRoutes, ...creditNoteRoutes, ...balanceTransactionRoutes, ...invoicePaymentRoutes,
];

/** Subscriptions of customers without a test clock renew on real time; checked this often. */
const REAL_TIME_TICK_MS = 30_000;

function listen(server: Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
  });
}

/** How clients reach the server: a wildcard address is reached as `localhost`, IPv6 in brackets. */
function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') return 'localhost';
  return host.includes(':') ? `[${host}]` : host;
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const log = options.log ?? false;
  const store = await Store.open(options.dataDir);
  const webhooks = options.webhookUrl && options.webhookSecret
    ? new WebhookDispatcher(store, {
        url: options.webhookUrl,
        secret: options.webhookSecret,
        retryBaseMs: options.retryBaseMs ?? 1000,
        maxAttempts: options.maxDeliveryAttempts ?? 8,
        log,
      })
    : null;
  const sink: EventSink = { webhooks: webhooks !== null, recorded: (event) => webhooks?.enqueue(event.id) };
  let baseUrl = '';
  const makeCtx = (request: Ctx['request']): Ctx => ({
    state: store.state,
    baseUrl,
    request,
    // A method, so a copy with another `request` (automatic work) records events under it.
    emit(type, object, created, before) {
      recordEvent(store.state, sink, this.request, type, object, created, before);
    },
  });

  const routes = [
    ...emulatorRoutes({ pending: () => store.state.deliveries.length, retryNow: () => webhooks?.retryNow() }),
    ...API_ROUTES, ...checkoutPageRoutes, ...authenticatePageRoutes, ...creditNotePageRoutes,
  ];
  const server = createServer(createRequestListener({ routes, store, makeCtx, log }));
  const host = options.host ?? DEFAULT_HOST;
  const port = await listen(server, host, options.port ?? 0);
  baseUrl = `http://${urlHost(host)}:${port}`;

  const renewOnRealTime = (): void => {
    const onRealTime = (customerId: string): boolean => !store.state.customers[customerId]?.test_clock;
    try {
      runDueWork(makeCtx({ id: null, idempotency_key: null }), onRealTime, realNow());
    } catch (error) {
      console.error('stripe-emulator: renewal failed', error);
    }
    store.changed();
  };
  renewOnRealTime();
  const tick = setInterval(renewOnRealTime, REAL_TIME_TICK_MS);
  tick.unref();
  webhooks?.start();

  return {
    url: baseUrl,
    host,
    port,
    async close() {
      clearInterval(tick);
      await webhooks?.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await store.flush();
    },
  };
}
