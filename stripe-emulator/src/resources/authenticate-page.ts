import type { Ctx, Params } from '../types.js';
import { escapeHtml, page } from '../http/html.js';
import { optString } from '../http/params.js';
import { RawResponse, route, type Route } from '../http/router.js';
import { authenticationFailure } from '../objects/intents.js';
import { finishPaymentAuthentication } from './payment-intents.js';
import { finishSetupAuthentication } from './setup-intents.js';

function html(status: number, body: string): RawResponse {
  return new RawResponse(status, 'text/html; charset=utf-8', page('3D Secure authentication', body));
}

/** The stand-in for the bank's 3D Secure challenge behind `next_action`: pass or fail it. */
function challenge(ctx: Ctx, _params: Params, [id]: string[]): RawResponse {
  const intent = ctx.state.payment_intents[id as string] ?? ctx.state.setup_intents[id as string];
  if (!intent) return html(404, '<h1>No such intent</h1>');
  const amount = intent.object === 'payment_intent' ? `<p>${escapeHtml(`${(intent.amount / 100).toFixed(2)} ${intent.currency.toUpperCase()}`)}</p>` : '';
  const form = (result: string, label: string): string =>
    `<form method="post" action="/_emulator/authenticate/${escapeHtml(intent.id)}"><input type="hidden" name="result" value="${result}"><button>${label}</button></form>`;
  return html(200, `<h1>3D Secure authentication</h1>${amount}<p>Status: ${escapeHtml(intent.status)}</p>${form('succeed', 'Complete authentication')}${form('fail', 'Fail authentication')}`);
}

function complete(ctx: Ctx, params: Params, [id]: string[]): RawResponse {
  const passed = optString(params, 'result') !== 'fail';
  const paymentIntent = ctx.state.payment_intents[id as string];
  const setupIntent = ctx.state.setup_intents[id as string];
  const intent = paymentIntent ?? setupIntent;
  if (!intent) return html(404, '<h1>No such intent</h1>');
  const paymentMethod = ctx.state.payment_methods[intent.payment_method as string];
  const failure = paymentMethod ? authenticationFailure(intent, paymentMethod) : { type: 'invalid_request_error' as const };
  const returnUrl = paymentIntent
    ? finishPaymentAuthentication(ctx, paymentIntent, passed, failure)
    : finishSetupAuthentication(ctx, setupIntent!, passed, failure);
  if (!returnUrl) return html(200, `<h1>Authentication ${passed ? 'complete' : 'failed'}</h1><p>You can close this window.</p>`);
  const target = new URL(returnUrl);
  target.searchParams.set(intent.object, intent.id);
  target.searchParams.set(`${intent.object}_client_secret`, intent.client_secret ?? '');
  target.searchParams.set('redirect_status', intent.status === 'succeeded' || intent.status === 'requires_capture' ? 'succeeded' : 'failed');
  return RawResponse.redirect(target.toString());
}

export const authenticatePageRoutes: Route[] = [
  route('GET', '/_emulator/authenticate/:id', challenge, true),
  route('POST', '/_emulator/authenticate/:id', complete, true),
];
