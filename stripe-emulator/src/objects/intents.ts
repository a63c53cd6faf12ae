import type Stripe from 'stripe';
import type { CardOutcome, Ctx, Params } from '../types.js';
import { randomToken } from '../core/ids.js';
import { customerNow } from '../core/time.js';
import { ApiError, invalid } from '../http/errors.js';
import { optBool, optEnum, optObject, optString, optStringArray } from '../http/params.js';
import { getOrThrow } from '../resources/common.js';
import { buildCard, TEST_CARDS } from './test-cards.js';

export type Intent = Stripe.PaymentIntent | Stripe.SetupIntent;

export function clientSecret(id: string): string {
  return `${id}_secret_${randomToken(25)}`;
}

/**
 * The card an intent is confirmed with: a test token (`pm_card_visa`) makes a fresh payment
 * method as Stripe does; a `pm_…` must exist.
 */
export function resolveCard(ctx: Ctx, idOrToken: string, param: string, customerId: string | null): Stripe.PaymentMethod {
  const testCard = TEST_CARDS[idOrToken];
  if (!testCard) return getOrThrow(ctx.state, 'payment_methods', idOrToken, param);
  const paymentMethod = buildCard(testCard, customerNow(ctx.state, customerId));
  ctx.state.payment_methods[paymentMethod.id] = paymentMethod;
  ctx.state.card_outcomes[paymentMethod.id] = testCard.outcome;
  return paymentMethod;
}

/** The time an intent's events carry: its customer's test clock, else now. */
export function intentNow(ctx: Ctx, intent: Intent): number {
  return customerNow(ctx.state, intent.customer as string | null);
}

/** A card named on update: the intent then waits to be confirmed with it. */
export function setIntentCard(ctx: Ctx, intent: Intent, idOrToken: string): void {
  intent.payment_method = resolveCard(ctx, idOrToken, 'payment_method', intent.customer as string | null).id;
  intent.status = 'requires_confirmation';
  intent.next_action = null;
}

/** What confirming reads for either kind of intent: the card, and where authentication returns to. */
export function readCardAndReturnUrl(ctx: Ctx, intent: Intent, params: Params): string | null {
  const paymentMethod = optString(params, 'payment_method');
  if (paymentMethod) intent.payment_method = resolveCard(ctx, paymentMethod, 'payment_method', intent.customer as string | null).id;
  const returnUrl = optString(params, 'return_url');
  if (returnUrl) ctx.state.return_urls[intent.id] = returnUrl;
  return ctx.state.return_urls[intent.id] ?? null;
}

export function outcomeOf(ctx: Ctx, paymentMethod: Stripe.PaymentMethod): CardOutcome {
  return ctx.state.card_outcomes[paymentMethod.id] ?? 'succeed';
}

/**
 * `allowed_payment_method_types` (this API version's name for the list), or by default the Dashboard's
 * methods, here cards, with redirects allowed.
 */
export function paymentMethodSettings(params: Params): {
  automatic: { allow_redirects: 'always' | 'never'; enabled: boolean } | null;
  types: string[];
} {
  const types = optStringArray(params, 'allowed_payment_method_types');
  const automatic = optObject(params, 'automatic_payment_methods');
  if (types && automatic) {
    throw invalid('You may only specify one of these parameters: allowed_payment_method_types, automatic_payment_methods.', 'automatic_payment_methods', 'parameters_exclusive');
  }
  if (types) {
    const unsupported = types.find((type) => type !== 'card');
    if (unsupported) throw invalid(`The emulator confirms card payment methods only, not ${unsupported}.`, 'allowed_payment_method_types');
    return { automatic: null, types };
  }
  const enabled = automatic ? optBool(automatic, 'enabled') ?? true : true;
  const allowRedirects = automatic ? optEnum(automatic, 'allow_redirects', ['always', 'never'] as const) ?? 'always' : 'always';
  return { automatic: enabled ? { allow_redirects: allowRedirects, enabled: true } : null, types: ['card'] };
}

/** Confirming server-side may redirect the customer, so Stripe wants a return_url unless redirects are off. */
export function requireReturnUrl(intent: Intent, returnUrl: string | null): void {
  if (intent.automatic_payment_methods?.enabled && intent.automatic_payment_methods.allow_redirects !== 'never' && !returnUrl) {
    const kind = intent.object === 'payment_intent' ? 'PaymentIntent' : 'SetupIntent';
    throw invalid(
      `A \`return_url\` must be specified because this ${kind} is configured to automatically accept the payment methods enabled in the Dashboard, some of which may require a full page redirect to succeed. If you do not want to accept redirect-based payment methods, set \`automatic_payment_methods[enabled]\` to \`true\` and \`automatic_payment_methods[allow_redirects]\` to \`never\` when creating Setup Intents and Payment Intents.`,
      'return_url');
  }
}

/** 3D Secure: a redirect to the emulator's authentication page, or `use_stripe_sdk` without a return_url. */
export function authenticationAction(ctx: Ctx, intent: Intent, returnUrl: string | null): Stripe.PaymentIntent.NextAction & Stripe.SetupIntent.NextAction {
  const url = `${ctx.baseUrl}/_emulator/authenticate/${intent.id}`;
  if (returnUrl) return { type: 'redirect_to_url', redirect_to_url: { return_url: returnUrl, url } };
  return { type: 'use_stripe_sdk', use_stripe_sdk: { type: 'three_d_secure_redirect', stripe_js: url, source: intent.id } };
}

export interface Decline {
  code: 'card_declined' | 'authentication_required';
  declineCode: string;
  message: string;
}

export const DECLINED: Decline = { code: 'card_declined', declineCode: 'generic_decline', message: 'Your card was declined.' };
export const AUTHENTICATION_REQUIRED: Decline = {
  code: 'authentication_required', declineCode: 'authentication_required', message: 'Your card was declined. This transaction requires authentication.',
};

export function declineError(decline: Decline, paymentMethod: Stripe.PaymentMethod, charge: string | null): Stripe.PaymentIntent.LastPaymentError {
  return {
    ...(charge ? { charge } : {}),
    code: decline.code,
    decline_code: decline.declineCode,
    doc_url: `https://stripe.com/docs/error-codes/${decline.code.replace(/_/g, '-')}`,
    message: decline.message,
    payment_method: structuredClone(paymentMethod),
    type: 'card_error',
  };
}

/** The 402 a declined confirmation answers with: the error, and the intent as it now stands. */
export function declineResponse(error: Stripe.PaymentIntent.LastPaymentError, intent: Intent): ApiError {
  const { type: _type, code, message, ...rest } = error;
  return new ApiError(402, 'card_error', message ?? 'Your card was declined.', code, undefined, {
    ...rest, [intent.object]: structuredClone(intent),
  });
}

export function authenticationFailure(intent: Intent, paymentMethod: Stripe.PaymentMethod): Stripe.PaymentIntent.LastPaymentError {
  const code = intent.object === 'payment_intent' ? 'payment_intent_authentication_failure' : 'setup_intent_authentication_failure';
  return {
    code,
    doc_url: `https://stripe.com/docs/error-codes/${code.replace(/_/g, '-')}`,
    message: `The provided PaymentMethod has failed authentication. You can provide payment_method_data or a new PaymentMethod to attempt to fulfill this ${intent.object === 'payment_intent' ? 'PaymentIntent' : 'SetupIntent'} again.`,
    payment_method: structuredClone(paymentMethod),
    type: 'invalid_request_error',
  };
}

export function unexpectedState(intent: Intent, action: string, allowed: string[]): ApiError {
  const kind = intent.object === 'payment_intent' ? 'PaymentIntent' : 'SetupIntent';
  return invalid(
    `You cannot ${action} this ${kind} because it has a status of ${intent.status}. Only a ${kind} with one of the following statuses may be ${action === 'cancel' ? 'canceled' : `${action}ed`}: ${allowed.join(', ')}.`,
    undefined, `${intent.object}_unexpected_state`);
}
