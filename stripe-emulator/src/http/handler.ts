import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type Stripe from 'stripe';
import type { Ctx, Params } from '../types.js';
import type { Store } from '../core/store.js';
import { API_VERSION } from '../core/events.js';
import { newId } from '../core/ids.js';
import { ApiError, unauthorized } from './errors.js';
import { applyExpand } from './expand.js';
import { decodeForm } from './form.js';
import { refuseUnknownParams } from './known-params.js';
import { optStringArray } from './params.js';
import { matchRoute, RawResponse, type Route } from './router.js';

const MAX_BODY_BYTES = 1_000_000;

export interface HandlerDeps {
  routes: Route[];
  store: Store;
  makeCtx(request: Stripe.Event.Request): Ctx;
  log: boolean;
}

interface Outcome {
  status: number;
  body: unknown;
  replayed?: boolean;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) reject(new ApiError(413, 'invalid_request_error', 'Request body too large.'));
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Test-mode secret (or restricted) keys only, via Bearer or Basic auth as Stripe accepts. */
function checkApiKey(header: string | undefined): void {
  let key = '';
  if (header?.startsWith('Bearer ')) key = header.slice(7).trim();
  else if (header?.startsWith('Basic ')) key = Buffer.from(header.slice(6), 'base64').toString('utf8').split(':')[0] ?? '';
  if (!key) {
    throw unauthorized("You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY').");
  }
  if (/^(sk|rk)_live_/.test(key)) throw unauthorized('The Stripe emulator refuses live mode API keys; use an sk_test_ key.');
  if (!/^(sk|rk)_test_/.test(key)) throw unauthorized(`Invalid API Key provided: ${key.slice(0, 8)}***`);
}

function send(res: ServerResponse, outcome: Outcome, headers: Record<string, string>): void {
  if (outcome.body instanceof RawResponse) {
    res.writeHead(outcome.body.status, { ...headers, ...outcome.body.headers, 'Content-Type': outcome.body.contentType });
    res.end(outcome.body.body);
    return;
  }
  res.writeHead(outcome.status, { ...headers, 'Content-Type': 'application/json' });
  res.end(JSON.stringify(outcome.body, null, 2));
}

export function createRequestListener(deps: HandlerDeps): (req: IncomingMessage, res: ServerResponse) => void {
  const { store } = deps;

  async function handle(req: IncomingMessage, requestId: string): Promise<Outcome> {
    const method = req.method ?? 'GET';
    const url = new URL(req.url ?? '/', 'http://localhost');
    const matched = matchRoute(deps.routes, method, url.pathname);
    if (!matched) {
      throw new ApiError(404, 'invalid_request_error',
        `Unrecognized request URL (${method}: ${url.pathname}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.`);
    }
    if (!matched.route.open) checkApiKey(req.headers.authorization);
    const raw = method === 'POST' ? await readBody(req) : '';
    const params: Params = { ...decodeForm(url.search.slice(1)), ...decodeForm(raw) };
    if (matched.route.known) refuseUnknownParams(params, matched.route.known);
    const idempotencyKey = method === 'POST' && !matched.route.open ? (req.headers['idempotency-key'] as string | undefined) ?? null : null;
    const fingerprint = createHash('sha256').update(`${method} ${url.pathname}\n${raw}`).digest('hex');
    if (idempotencyKey) {
      const saved = store.state.idempotency[idempotencyKey];
      if (saved && saved.fingerprint === fingerprint) return { status: saved.status, body: saved.body, replayed: true };
      if (saved) {
        throw new ApiError(400, 'idempotency_error',
          `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${idempotencyKey}' if you meant to execute a different request.`);
      }
    }
    const ctx = deps.makeCtx({ id: requestId, idempotency_key: idempotencyKey });
    let outcome: Outcome;
    try {
      const result = matched.route.handler(ctx, params, matched.args);
      const expand = result instanceof RawResponse ? [] : (optStringArray(params, 'expand') ?? []);
      outcome = { status: 200, body: applyExpand(store.state, result, expand) };
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 402) throw error;
      outcome = { status: error.status, body: error.toBody() };
    } finally {
      if (method !== 'GET') store.changed();
    }
    // Like Stripe, only requests that ran are saved (successes and card declines), not rejected params.
    if (idempotencyKey) {
      store.state.idempotency[idempotencyKey] = { method, path: url.pathname, fingerprint, status: outcome.status, body: outcome.body };
    }
    return outcome;
  }

  return (req, res) => {
    const requestId = newId('req');
    const headers: Record<string, string> = { 'Request-Id': requestId, 'Stripe-Version': API_VERSION };
    const idempotencyKey = req.headers['idempotency-key'];
    if (typeof idempotencyKey === 'string') headers['Idempotency-Key'] = idempotencyKey;
    handle(req, requestId)
      .catch((error: unknown): Outcome => {
        if (error instanceof ApiError) return { status: error.status, body: error.toBody() };
        console.error('stripe-emulator: internal error', error);
        return { status: 500, body: { error: { type: 'api_error', message: `Internal emulator error: ${(error as Error).message}` } } };
      })
      .then((outcome) => {
        if (deps.log) console.log(`stripe-emulator ${req.method} ${req.url} -> ${outcome.status}`);
        send(res, outcome, outcome.replayed ? { ...headers, 'Idempotent-Replayed': 'true' } : headers);
      })
      .catch((error: unknown) => console.error('stripe-emulator: could not respond', error));
  };
}
