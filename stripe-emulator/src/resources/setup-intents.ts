import type Stripe from 'stripe';
import type { Ctx, Params } from '../types.js';
import { newId } from '../core/ids.js';
import { customerNow } from '../core/time.js';
import { createdFilter, newestFirst, paginate } from '../http/list.js';
import { mergeMetadata, optBool, optEnum, optNullableString, optString } from '../http/params.js';
import { route, type Route } from '../http/router.js';
import {
  authenticationAction, clientSecret, DECLINED, declineError, declineResponse, outcomeOf, paymentMethodSettings,
  intentNow, readCardAndReturnUrl, requireReturnUrl, resolveCard, setIntentCard, unexpectedState,
} from '../objects/intents.js';
import { getOrThrow } from './common.js';
import { attachPaymentMethod } from './payment-methods.js';
import { invalid } from '../http/errors.js';

const CONFIRMABLE = ['requires_payment_method', 'requires_confirmation', 'requires_action'];

/** The card is set up: attached to the intent's customer, as Stripe does on success. */
function succeed(ctx: Ctx, intent: Stripe.SetupIntent, paymentMethod: Stripe.PaymentMethod): Stripe.SetupIntent {
  if (intent.customer && paymentMethod.customer !== intent.customer) {
    attachPaymentMethod(ctx, paymentMethod.id, intent.customer as string, 'payment_method');
  }
  intent.status = 'succeeded';
  intent.next_action = null;
  intent.last_setup_error = null;
  ctx.emit('setup_intent.succeeded', intent, intentNow(ctx, intent));
  return intent;
}

/** Setting up checks the card without charging it: only cards declined outright fail. */
function confirmIntent(ctx: Ctx, intent: Stripe.SetupIntent): Stripe.SetupIntent {
  const paymentMethod = ctx.state.payment_methods[intent.payment_method as string];
  if (!paymentMethod) {
    throw invalid('You cannot confirm this SetupIntent because it\u2019s missing a payment method. To confirm it, update it with a payment method or pass one as `payment_method`.', 'payment_method', 'setup_intent_unexpected_state');
  }
  const outcome = outcomeOf(ctx, paymentMethod);
  if (outcome === 'attach_fails') {
    intent.status = 'requires_payment_method';
    intent.next_action = null;
    intent.last_setup_error = declineError(DECLINED, paymentMethod, null);
    ctx.emit('setup_intent.setup_failed', intent, intentNow(ctx, intent));
    throw declineResponse(intent.last_setup_error, intent);
  }
  if (outcome === 'authenticate') {
    intent.status = 'requires_action';
    intent.next_action = authenticationAction(ctx, intent, ctx.state.return_urls[intent.id] ?? null);
    ctx.emit('setup_intent.requires_action', intent, intentNow(ctx, intent));
    return intent;
  }
  return succeed(ctx, intent, paymentMethod);
}

function readConfirmParams(ctx: Ctx, intent: Stripe.SetupIntent, params: Params): void {
  const returnUrl = readCardAndReturnUrl(ctx, intent, params);
  requireReturnUrl(intent, returnUrl);
}

function create(ctx: Ctx, params: Params): Stripe.SetupIntent {
  const customer = optNullableString(params, 'customer') ?? null;
  if (customer) getOrThrow(ctx.state, 'customers', customer, 'customer');
  const methods = paymentMethodSettings(params);
  const id = newId('seti');
  const intent: Stripe.SetupIntent = {
    id,
    object: 'setup_intent',
    allowed_payment_method_types: methods.types as Stripe.SetupIntent.AllowedPaymentMethodType[],
    application: null,
    automatic_payment_methods: methods.automatic,
    cancellation_reason: null,
    client_secret: clientSecret(id),
    created: customerNow(ctx.state, customer),
    customer,
    description: optNullableString(params, 'description') ?? null,
    excluded_payment_method_types: null,
    flow_directions: null,
    last_setup_error: null,
    latest_attempt: null,
    livemode: false,
    mandate: null,
    metadata: mergeMetadata({}, params),
    next_action: null,
    on_behalf_of: null,
    payment_method: null,
    payment_method_configuration_details: null,
    payment_method_options: { card: { mandate_options: null, network: null, request_three_d_secure: 'automatic' } },
    payment_method_types: methods.types,
    single_use_mandate: null,
    status: 'requires_payment_method',
    usage: optEnum(params, 'usage', ['off_session', 'on_session'] as const) ?? 'off_session',
  };
  const paymentMethod = optString(params, 'payment_method');
  if (paymentMethod) {
    intent.payment_method = resolveCard(ctx, paymentMethod, 'payment_method', customer).id;
    intent.status = 'requires_confirmation';
  }
  const confirm = optBool(params, 'confirm') ?? false;
  if (confirm) readConfirmParams(ctx, intent, params);
  ctx.state.setup_intents[id] = intent;
  ctx.emit('setup_intent.created', intent, intent.created);
  return confirm ? confirmIntent(ctx, intent) : intent;
}

function update(ctx: Ctx, params: Params, [id]: string[]): Stripe.SetupIntent {
  const intent = getOrThrow(ctx.state, 'setup_intents', id as string);
  if ((params.payment_method !== undefined || params.customer !== undefined) && !CONFIRMABLE.includes(intent.status)) {
    throw unexpectedState(intent, 'update', CONFIRMABLE);
  }
  const customer = optNullableString(params, 'customer');
  if (customer) intent.customer = getOrThrow(ctx.state, 'customers', customer, 'customer').id;
  const description = optNullableString(params, 'description');
  if (description !== undefined) intent.description = description;
  intent.metadata = mergeMetadata(intent.metadata, params);
  const paymentMethod = optString(params, 'payment_method');
  if (paymentMethod) setIntentCard(ctx, intent, paymentMethod);
  return intent;
}

function confirm(ctx: Ctx, params: Params, [id]: string[]): Stripe.SetupIntent {
  const intent = getOrThrow(ctx.state, 'setup_intents', id as string);
  if (!CONFIRMABLE.includes(intent.status)) throw unexpectedState(intent, 'confirm', CONFIRMABLE);
  readConfirmParams(ctx, intent, params);
  return confirmIntent(ctx, intent);
}

function cancel(ctx: Ctx, params: Params, [id]: string[]): Stripe.SetupIntent {
  const intent = getOrThrow(ctx.state, 'setup_intents', id as string);
  if (!CONFIRMABLE.includes(intent.status)) throw unexpectedState(intent, 'cancel', CONFIRMABLE);
  intent.status = 'canceled';
  intent.next_action = null;
  intent.cancellation_reason = optEnum(params, 'cancellation_reason', ['abandoned', 'duplicate', 'requested_by_customer'] as const) ?? null;
  ctx.emit('setup_intent.canceled', intent, intentNow(ctx, intent));
  return intent;
}

/** After the authentication page: set up for a passed challenge, `requires_payment_method` for a failed one. */
export function finishSetupAuthentication(ctx: Ctx, intent: Stripe.SetupIntent, passed: boolean, failure: Stripe.SetupIntent.LastSetupError): string | null {
  const paymentMethod = ctx.state.payment_methods[intent.payment_method as string];
  if (intent.status === 'requires_action' && paymentMethod) {
    if (passed) {
      succeed(ctx, intent, paymentMethod);
    } else {
      intent.status = 'requires_payment_method';
      intent.next_action = null;
      intent.last_setup_error = failure;
      ctx.emit('setup_intent.setup_failed', intent, intentNow(ctx, intent));
    }
  }
  return ctx.state.return_urls[intent.id] ?? null;
}

function list(ctx: Ctx, params: Params): unknown {
  const customer = optString(params, 'customer');
  const paymentMethod = optString(params, 'payment_method');
  const created = createdFilter(params);
  const intents = newestFirst(ctx.state.setup_intents).filter((intent) =>
    (!customer || intent.customer === customer) && (!paymentMethod || intent.payment_method === paymentMethod) && created(intent.created));
  return paginate(intents, params, '/v1/setup_intents');
}

export const setupIntentRoutes: Route[] = [
  route('POST', '/v1/setup_intents', create),
  route('GET', '/v1/setup_intents', list),
  route('GET', '/v1/setup_intents/:id', (ctx, _params, [id]) => getOrThrow(ctx.state, 'setup_intents', id as string)),
  route('POST', '/v1/setup_intents/:id', update),
  route('POST', '/v1/setup_intents/:id/confirm', confirm),
  route('POST', '/v1/setup_intents/:id/cancel', cancel),
];
