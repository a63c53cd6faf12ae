import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_ROUTES, startEmulator, type RunningEmulator } from '../src/server';
import { matchRoute } from '../src/http/router';
import { runBillingFlow } from './conformance/billing-flow';
import { capturingStripe, type Exchange } from './conformance/capture';
import { checkBody, SCHEMA, type Violation } from './conformance/validate';

/**
 * Fields the emulator cannot fill as Stripe does, each with its reason (README, "Known
 * differences"). Keys are `<object>.<field path>`, `[]` standing for any array index.
 */
const KNOWN_DIFFERENCES: Record<string, string> = {};

interface Row {
  endpoint: string;
  responses: number;
  violations: Violation[];
}

describe('conformance to Stripe’s published object definitions', () => {
  let emulator: RunningEmulator;
  const log: Exchange[] = [];
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 });
    await runBillingFlow(capturingStripe(emulator, log));
  }, 60_000);
  afterAll(async () => emulator.close());

  it(`answers every endpoint with objects as stripe@${SCHEMA['x-source'].version} (API ${SCHEMA['x-source'].apiVersion}) defines them`, () => {
    const rows = new Map<string, Row>();
    for (const exchange of log) {
      const matched = matchRoute(API_ROUTES, exchange.method, exchange.path);
      const endpoint = matched ? `${exchange.method} ${matched.route.path}` : `${exchange.method} (unrouted)`;
      const row = rows.get(endpoint) ?? { endpoint, responses: 0, violations: [] };
      row.responses += 1;
      const found = checkBody(exchange.body).filter((violation) => !(violation.key in KNOWN_DIFFERENCES));
      row.violations.push(...found.map((violation) => ({ ...violation, path: `${exchange.status} ${violation.path}` })));
      rows.set(endpoint, row);
    }
    const table = [...rows.values()].sort((a, b) => a.endpoint.localeCompare(b.endpoint));
    const width = Math.max(...table.map((row) => row.endpoint.length));
    const lines = table.map((row) => `${row.endpoint.padEnd(width)}  ${String(row.responses).padStart(4)}  ${String(row.violations.length).padStart(4)}`);
    const total = table.reduce((sum, row) => sum + row.responses, 0);
    const violations = table.flatMap((row) => row.violations.map((violation) => ({ endpoint: row.endpoint, ...violation })));
    console.log([
      `conformance to stripe@${SCHEMA['x-source'].version} (API ${SCHEMA['x-source'].apiVersion})`,
      `${'endpoint'.padEnd(width)}  resp  viol`,
      ...lines,
      `${'total'.padEnd(width)}  ${String(total).padStart(4)}  ${String(violations.length).padStart(4)}`,
    ].join('\n'));

    const distinct = new Map<string, string>();
    for (const violation of violations) distinct.set(`${violation.key}: ${violation.message}`, `${violation.endpoint} ${violation.path}`);
    expect([...distinct].map(([what, where]) => `${what}  (e.g. ${where})`)).toEqual([]);
  });

  it('exercises every Stripe API route the emulator serves', () => {
    const hit = new Set(log.map((exchange) => matchRoute(API_ROUTES, exchange.method, exchange.path)?.route));
    const missed = API_ROUTES.filter((route) => !route.open && route.path.startsWith('/v1/') && !hit.has(route));
    expect(missed.map((route) => `${route.method} ${route.path}`)).toEqual([]);
  });

  it('keeps the allow-list of known differences to fields that still differ', () => {
    const keys = new Set(log.flatMap((exchange) => checkBody(exchange.body).map((violation) => violation.key)));
    expect(Object.keys(KNOWN_DIFFERENCES).filter((key) => !keys.has(key))).toEqual([]);
  });
});
