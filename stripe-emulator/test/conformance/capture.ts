import Stripe from 'stripe';
import type { RunningEmulator } from '../../src/server';

/** One request and the JSON body the emulator answered it with, as it came over HTTP. */
export interface Exchange {
  method: string;
  /** The path without its query string, e.g. `/v1/customers/cus_1Abc`. */
  path: string;
  status: number;
  body: unknown;
}

/**
 * The SDK's own Node HTTP client, recording each parsed body before the SDK touches it (it turns
 * decimal strings into `Decimal` objects and adds `lastResponse`).
 */
export function capturingClient(log: Exchange[]): ReturnType<typeof Stripe.createNodeHttpClient> {
  const inner = Stripe.createNodeHttpClient();
  const client: typeof inner = {
    getClientName: () => 'conformance-capture',
    async makeRequest(host, port, path, method, headers, requestData, protocol, timeout) {
      const response = await inner.makeRequest(host, port, path, method, headers, requestData, protocol, timeout);
      return {
        getStatusCode: () => response.getStatusCode(),
        getHeaders: () => response.getHeaders(),
        getRawResponse: () => response.getRawResponse(),
        toStream: (done: () => void) => response.toStream(done),
        async toJSON() {
          const body: unknown = await response.toJSON();
          log.push({ method, path: path.split('?')[0] ?? path, status: response.getStatusCode(), body: structuredClone(body) });
          return body;
        },
      };
    },
  };
  return client;
}

export function capturingStripe(emulator: RunningEmulator, log: Exchange[]): Stripe {
  return new Stripe('sk_test_conformance', {
    host: 'localhost', port: emulator.port, protocol: 'http', maxNetworkRetries: 0, httpClient: capturingClient(log),
  });
}
