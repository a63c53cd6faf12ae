import type Stripe from 'stripe';
import type { Ctx, Params } from '../types.js';
import { customerNow } from '../core/time.js';
import { invalid, missingParam } from '../http/errors.js';
import { createdFilter, newestFirst, paginate } from '../http/list.js';
import { mergeMetadata, optBool, optEnum, optInt, optNullableString, optString, reqString } from '../http/params.js';
import { route, type Route } from '../http/router.js';
import { buildCharge } from '../objects/charge.js';
import { buildPaymentIntent } from '../objects/payment-intent.js';
import {
  AUTHENTICATION_REQUIRED, authenticationAction, DECLINED, declineError, declineResponse, outcomeOf,
  paymentMethodSettings, intentNow, readCardAndReturnUrl, requireReturnUrl, resolveCard, setIntentCard, unexpectedState, type Decline,
} from '../objects/intents.js';
import { getOrThrow } from './common.js';
import { attachPaymentMethod } from './payment-methods.js';

const CONFIRMABLE = ['requires_payment_method', 'requires_confirmation', 'requires_action'];
const CANCELABLE = ['requires_payment_method', 'requires_capture', 'requires_confirmation', 'requires_action', 'processing'];

function customerParam(ctx: Ctx, params: Params): string | null {
  const customer = optNullableString(params, 'customer');
  if (customer) getOrThrow(ctx.state, 'customers', customer, 'customer');
  return customer ?? null;
}

/** The charge is made, paid or held; with `setup_future_usage` the card is saved to the customer. */
function charge(ctx: Ctx, intent: Stripe.PaymentIntent, paymentMethod: Stripe.PaymentMethod, authenticated: boolean): void {
  const now = intentNow(ctx, intent);
  const made = buildCharge({ paymentIntent: intent, paymentMethod, succeeded: true, authenticated, created: now });
  ctx.state.charges[made.id] = made;
  intent.latest_charge = made.id;
  intent.last_payment_error = null;
  intent.next_action = null;
  if (intent.setup_future_usage && intent.customer && paymentMethod.customer !== intent.customer) {
    attachPaymentMethod(ctx, paymentMethod.id, intent.customer as string, 'payment_method');
  }
  ctx.emit('charge.succeeded', made, now);
  if (intent.capture_method === 'manual') {
    intent.status = 'requires_capture';
    intent.amount_capturable = intent.amount;
    ctx.emit('payment_intent.amount_capturable_updated', intent, now);
    return;
  }
  intent.status = 'succeeded';
  intent.amount_received = intent.amount;
  ctx.emit('payment_intent.succeeded', intent, now);
}

/** A declined attempt: a failed charge, the intent back to `requires_payment_method`, and a 402. */
function decline(ctx: Ctx, intent: Stripe.PaymentIntent, paymentMethod: Stripe.PaymentMethod, reason: Decline): never {
  const now = intentNow(ctx, intent);
  const failed = buildCharge({ paymentIntent: intent, paymentMethod, succeeded: false, authenticated: false, created: now });
  if (reason.code === 'authentication_required') {
    failed.failure_code = reason.code;
    failed.failure_message = reason.message;
  }
  ctx.state.charges[failed.id] = failed;
  intent.latest_charge = failed.id;
  intent.status = 'requires_payment_method';
  intent.next_action = null;
  intent.last_payment_error = declineError(reason, paymentMethod, failed.id);
  ctx.emit('charge.failed', failed, now);
  ctx.emit('payment_intent.payment_failed', intent, now);
  throw declineResponse(intent.last_payment_error, intent);
}

/** Confirms with the intent's card: the card decides between success, a decline and 3D Secure. */
function confirmIntent(ctx: Ctx, intent: Stripe.PaymentIntent, offSession: boolean): Stripe.PaymentIntent {
  const paymentMethod = ctx.state.payment_methods[intent.payment_method as string];
  if (!paymentMethod) {
    throw invalid('You cannot confirm this PaymentIntent because it\u2019s missing a payment method. To confirm it, update it with a payment method or pass one as `payment_method`.', 'payment_method', 'payment_intent_unexpected_state');
  }
  const outcome = outcomeOf(ctx, paymentMethod);
  if (outcome === 'decline' || outcome === 'attach_fails') decline(ctx, intent, paymentMethod, DECLINED);
  if (outcome === 'authenticate') {
    if (offSession) decline(ctx, intent, paymentMethod, AUTHENTICATION_REQUIRED);
    intent.status = 'requires_action';
    intent.next_action = authenticationAction(ctx, intent, ctx.state.return_urls[intent.id] ?? null);
    ctx.emit('payment_intent.requires_action', intent, intentNow(ctx, intent));
    return intent;
  }
  charge(ctx, intent, paymentMethod, false);
  return intent;
}

function readConfirmParams(ctx: Ctx, intent: Stripe.PaymentIntent, params: Params): boolean {
  const returnUrl = readCardAndReturnUrl(ctx, intent, params);
  const setupFutureUsage = optEnum(params, 'setup_future_usage', ['off_session', 'on_session'] as const);
  if (setupFutureUsage) intent.setup_future_usage = setupFutureUsage;
  const offSession = ['true', 'one_off', 'recurring'].includes(String(params.off_session));
  if (!offSession) requireReturnUrl(intent, returnUrl);
  return offSession;
}

function create(ctx: Ctx, params: Params): Stripe.PaymentIntent {
  const amount = optInt(params, 'amount');
  if (amount === undefined) throw missingParam('amount');
  if (amount < 1) throw invalid('This value must be greater than or equal to 1.', 'amount');
  const currency = reqString(params, 'currency').toLowerCase();
  const customer = customerParam(ctx, params);
  const methods = paymentMethodSettings(params);
  const intent = buildPaymentIntent({
    amount,
    currency,
    customer,
    created: customerNow(ctx.state, customer),
    methods,
    captureMethod: optEnum(params, 'capture_method', ['automatic', 'automatic_async', 'manual'] as const) ?? 'automatic_async',
    confirmationMethod: optEnum(params, 'confirmation_method', ['automatic', 'manual'] as const) ?? 'automatic',
    description: optNullableString(params, 'description') ?? null,
    metadata: mergeMetadata({}, params),
    receiptEmail: optNullableString(params, 'receipt_email') ?? null,
    statementDescriptor: optNullableString(params, 'statement_descriptor') ?? null,
    statementDescriptorSuffix: optNullableString(params, 'statement_descriptor_suffix') ?? null,
  });
  const id = intent.id;
  const setupFutureUsage = optEnum(params, 'setup_future_usage', ['off_session', 'on_session'] as const);
  if (setupFutureUsage) intent.setup_future_usage = setupFutureUsage;
  const paymentMethod = optString(params, 'payment_method');
  if (paymentMethod) {
    intent.payment_method = resolveCard(ctx, paymentMethod, 'payment_method', customer).id;
    intent.status = 'requires_confirmation';
  }
  const confirm = optBool(params, 'confirm') ?? false;
  // Checked before anything is stored, so a refused confirmation leaves no intent behind.
  const offSession = confirm ? readConfirmParams(ctx, intent, params) : false;
  ctx.state.payment_intents[id] = intent;
  ctx.emit('payment_intent.created', intent, intent.created);
  return confirm ? confirmIntent(ctx, intent, offSession) : intent;
}

function confirm(ctx: Ctx, params: Params, [id]: string[]): Stripe.PaymentIntent {
  const intent = getOrThrow(ctx.state, 'payment_intents', id as string);
  if (!CONFIRMABLE.includes(intent.status)) throw unexpectedState(intent, 'confirm', CONFIRMABLE);
  const offSession = readConfirmParams(ctx, intent, params);
  return confirmIntent(ctx, intent, offSession);
}

function update(ctx: Ctx, params: Params, [id]: string[]): Stripe.PaymentIntent {
  const intent = getOrThrow(ctx.state, 'payment_intents', id as string);
  const changesPayment = ['amount', 'currency', 'payment_method', 'customer', 'capture_method'].some((name) => params[name] !== undefined);
  if (changesPayment && !CONFIRMABLE.includes(intent.status)) throw unexpectedState(intent, 'update', CONFIRMABLE);
  const amount = optInt(params, 'amount');
  if (amount !== undefined) intent.amount = amount;
  const currency = optString(params, 'currency');
  if (currency) intent.currency = currency.toLowerCase();
  if (params.customer !== undefined) intent.customer = customerParam(ctx, params);
  const description = optNullableString(params, 'description');
  if (description !== undefined) intent.description = description;
  const receiptEmail = optNullableString(params, 'receipt_email');
  if (receiptEmail !== undefined) intent.receipt_email = receiptEmail;
  const captureMethod = optEnum(params, 'capture_method', ['automatic', 'automatic_async', 'manual'] as const);
  if (captureMethod) intent.capture_method = captureMethod;
  const setupFutureUsage = optEnum(params, 'setup_future_usage', ['off_session', 'on_session'] as const);
  if (setupFutureUsage) intent.setup_future_usage = setupFutureUsage;
  intent.metadata = mergeMetadata(intent.metadata, params);
  const paymentMethod = optString(params, 'payment_method');
  if (paymentMethod) setIntentCard(ctx, intent, paymentMethod);
  return intent;
}

function capture(ctx: Ctx, params: Params, [id]: string[]): Stripe.PaymentIntent {
  const intent = getOrThrow(ctx.state, 'payment_intents', id as string);
  if (intent.status !== 'requires_capture') throw unexpectedState(intent, 'capture', ['requires_capture']);
  const amount = optInt(params, 'amount_to_capture') ?? intent.amount_capturable;
  if (amount > intent.amount_capturable) throw invalid('The amount to capture is greater than the amount capturable.', 'amount_to_capture');
  const now = intentNow(ctx, intent);
  const made = ctx.state.charges[intent.latest_charge as string];
  if (made) {
    made.captured = true;
    made.amount_captured = amount;
    ctx.emit('charge.captured', made, now);
  }
  intent.amount_received = amount;
  intent.amount_capturable = 0;
  intent.status = 'succeeded';
  ctx.emit('payment_intent.succeeded', intent, now);
  return intent;
}

function cancel(ctx: Ctx, params: Params, [id]: string[]): Stripe.PaymentIntent {
  const intent = getOrThrow(ctx.state, 'payment_intents', id as string);
  if (!CANCELABLE.includes(intent.status)) throw unexpectedState(intent, 'cancel', CANCELABLE);
  const now = intentNow(ctx, intent);
  intent.status = 'canceled';
  intent.canceled_at = now;
  intent.cancellation_reason = optEnum(params, 'cancellation_reason', ['abandoned', 'duplicate', 'fraudulent', 'requested_by_customer'] as const) ?? null;
  intent.next_action = null;
  intent.amount_capturable = 0;
  ctx.emit('payment_intent.canceled', intent, now);
  return intent;
}

/** After the authentication page: the charge for a passed challenge, `requires_payment_method` for a failed one. */
export function finishPaymentAuthentication(ctx: Ctx, intent: Stripe.PaymentIntent, passed: boolean, failure: Stripe.PaymentIntent.LastPaymentError): string | null {
  const paymentMethod = ctx.state.payment_methods[intent.payment_method as string];
  if (intent.status !== 'requires_action' || !paymentMethod) return ctx.state.return_urls[intent.id] ?? null;
  if (passed) {
    charge(ctx, intent, paymentMethod, true);
  } else {
    intent.status = 'requires_payment_method';
    intent.next_action = null;
    intent.last_payment_error = failure;
    ctx.emit('payment_intent.payment_failed', intent, intentNow(ctx, intent));
  }
  return ctx.state.return_urls[intent.id] ?? null;
}

function list(ctx: Ctx, params: Params): unknown {
  const customer = optString(params, 'customer');
  const created = createdFilter(params);
  const intents = newestFirst(ctx.state.payment_intents)
    .filter((intent) => (!customer || intent.customer === customer) && created(intent.created));
  return paginate(intents, params, '/v1/payment_intents');
}

export const paymentIntentRoutes: Route[] = [
  route('POST', '/v1/payment_intents', create),
  route('GET', '/v1/payment_intents', list),
  route('GET', '/v1/payment_intents/:id', (ctx, _params, [id]) => getOrThrow(ctx.state, 'payment_intents', id as string)),
  route('POST', '/v1/payment_intents/:id', update),
  route('POST', '/v1/payment_intents/:id/confirm', confirm),
  route('POST', '/v1/payment_intents/:id/capture', capture),
  route('POST', '/v1/payment_intents/:id/cancel', cancel),
];
