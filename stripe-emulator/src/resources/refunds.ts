import type Stripe from 'stripe';
import type { Ctx, Params } from '../types.js';
import { newId } from '../core/ids.js';
import { customerNow } from '../core/time.js';
import { ApiError, invalid, missingParam } from '../http/errors.js';
import { createdFilter, newestFirst, paginate } from '../http/list.js';
import { mergeMetadata, optEnum, optInt, optString } from '../http/params.js';
import { route, type Route } from '../http/router.js';
import { formatMoney } from '../objects/money.js';
import { getOrThrow } from './common.js';

/** The charge a refund is for: given directly, or the latest charge of a PaymentIntent. */
function chargeFor(ctx: Ctx, params: Params): Stripe.Charge {
  const chargeId = optString(params, 'charge');
  const paymentIntentId = optString(params, 'payment_intent');
  if (chargeId && paymentIntentId) {
    throw invalid('You may only specify one of these parameters: charge, payment_intent.', 'charge', 'parameters_exclusive');
  }
  if (chargeId) return getOrThrow(ctx.state, 'charges', chargeId, 'charge');
  if (!paymentIntentId) throw missingParam('charge');
  const intent = getOrThrow(ctx.state, 'payment_intents', paymentIntentId, 'payment_intent');
  const charge = intent.latest_charge ? ctx.state.charges[intent.latest_charge as string] : undefined;
  if (!charge || intent.status !== 'succeeded') {
    throw invalid(`This PaymentIntent (${intent.id}) does not have a successful charge to refund.`, 'payment_intent');
  }
  return charge;
}

type RefundFields = Pick<Stripe.Refund, 'amount' | 'charge' | 'created' | 'currency' | 'customer' | 'metadata' | 'payment_intent' | 'payment_method' | 'reason'>;

/** A succeeded card refund (test mode refunds cards at once). */
export function buildRefund(fields: RefundFields): Stripe.Refund {
  return {
    id: newId('re'),
    object: 'refund',
    ...fields,
    balance_transaction: null,
    customer_account: null,
    destination_details: { card: { reference_status: 'pending', reference_type: 'acquirer_reference_number', type: 'refund' }, type: 'card' },
    receipt_number: null,
    source_transfer_reversal: null,
    status: 'succeeded',
    transfer_reversal: null,
  };
}

/** Card refunds succeed at once in test mode; the charge records what was refunded. */
function create(ctx: Ctx, params: Params): Stripe.Refund {
  const charge = chargeFor(ctx, params);
  if (charge.refunded) throw new ApiError(400, 'invalid_request_error', `Charge ${charge.id} has already been refunded.`, 'charge_already_refunded');
  if (!charge.paid || !charge.captured) throw invalid(`Charge ${charge.id} has not been captured, so it cannot be refunded.`, 'charge');
  const refundable = charge.amount_captured - charge.amount_refunded;
  const amount = optInt(params, 'amount') ?? refundable;
  if (amount < 1) throw invalid('Invalid positive integer', 'amount');
  if (amount > refundable) {
    throw new ApiError(400, 'invalid_request_error',
      `Refund amount (${formatMoney(amount, charge.currency)}) is greater than unrefunded amount on charge (${formatMoney(refundable, charge.currency)})`, 'amount_too_large', 'amount');
  }
  const now = customerNow(ctx.state, charge.customer as string | null);
  const refund = buildRefund({
    amount, charge: charge.id, created: now, currency: charge.currency, customer: charge.customer as string | null,
    metadata: mergeMetadata({}, params), payment_intent: charge.payment_intent, payment_method: charge.payment_method,
    reason: optEnum(params, 'reason', ['duplicate', 'fraudulent', 'requested_by_customer'] as const) ?? null,
  });
  ctx.state.refunds[refund.id] = refund;
  const before = structuredClone(charge);
  charge.amount_refunded += amount;
  charge.refunded = charge.amount_refunded === charge.amount_captured;
  ctx.emit('refund.created', refund, now);
  ctx.emit('charge.refunded', charge, now, before);
  return refund;
}

function list(ctx: Ctx, params: Params): unknown {
  const charge = optString(params, 'charge');
  const paymentIntent = optString(params, 'payment_intent');
  const created = createdFilter(params);
  const refunds = newestFirst(ctx.state.refunds).filter((refund) =>
    (!charge || refund.charge === charge) && (!paymentIntent || refund.payment_intent === paymentIntent) && created(refund.created));
  return paginate(refunds, params, '/v1/refunds');
}

export const refundRoutes: Route[] = [
  route('POST', '/v1/refunds', create),
  route('GET', '/v1/refunds', list),
  route('GET', '/v1/refunds/:id', (ctx, _params, [id]) => getOrThrow(ctx.state, 'refunds', id as string)),
  route('POST', '/v1/refunds/:id', (ctx, params, [id]) => {
    const refund = getOrThrow(ctx.state, 'refunds', id as string);
    const before = structuredClone(refund);
    refund.metadata = mergeMetadata(refund.metadata, params);
    ctx.emit('refund.updated', refund, customerNow(ctx.state, refund.customer as string | null), before);
    return refund;
  }),
];
