import type Stripe from 'stripe';
import type { Ctx, Params } from '../types.js';
import { newId } from '../core/ids.js';
import { customerNow } from '../core/time.js';
import { buildPhase, phaseFromSubscription, releaseSchedule } from '../billing/schedules.js';
import { currentPeriod, usablePrice } from '../billing/plan-update.js';
import { boundary, recurringOf } from '../billing/periods.js';
import { invalid, missingParam } from '../http/errors.js';
import { newestFirst, paginate } from '../http/list.js';
import { mergeMetadata, optArray, optEnum, optInt, optObject, optString, reqString } from '../http/params.js';
import { route, type Route } from '../http/router.js';
import { getOrThrow } from './common.js';

const END_BEHAVIORS = ['release', 'cancel'] as const;
const DURATION_INTERVALS = ['day', 'week', 'month', 'year'] as const;

/** `from_subscription` only: the schedule starts with the subscription's current period as its first phase. */
function create(ctx: Ctx, params: Params): Stripe.SubscriptionSchedule {
  const subscriptionId = optString(params, 'from_subscription');
  if (!subscriptionId) throw missingParam('from_subscription');
  if (params.customer !== undefined || params.phases !== undefined) {
    throw invalid('You cannot set `customer` or `phases` if `from_subscription` is set.', 'from_subscription');
  }
  const subscription = getOrThrow(ctx.state, 'subscriptions', subscriptionId, 'from_subscription');
  if (subscription.schedule) throw invalid(`The subscription \`${subscription.id}\` is already attached to a schedule.`, 'from_subscription');
  if (['canceled', 'incomplete_expired'].includes(subscription.status)) throw invalid('You cannot migrate a canceled subscription to a schedule.', 'from_subscription');
  const now = customerNow(ctx.state, subscription.customer as string);
  const phase = phaseFromSubscription(subscription);
  const schedule = {
    id: newId('sub_sched'),
    object: 'subscription_schedule',
    application: null,
    billing_mode: { type: 'classic', flexible: null },
    canceled_at: null,
    completed_at: null,
    created: now,
    current_phase: { start_date: phase.start_date, end_date: phase.end_date },
    customer: subscription.customer,
    customer_account: null,
    default_settings: {
      application_fee_percent: null, automatic_tax: { enabled: false, disabled_reason: null, liability: null }, billing_cycle_anchor: 'automatic',
      billing_thresholds: null, collection_method: 'charge_automatically', default_payment_method: null, description: null,
      invoice_settings: { account_tax_ids: null, custom_fields: null, days_until_due: null, description: null, footer: null, issuer: { type: 'self' } }, on_behalf_of: null, transfer_data: null,
    },
    end_behavior: 'release',
    livemode: false,
    metadata: mergeMetadata({}, params),
    pause_schedules: [],
    phases: [phase],
    released_at: null,
    released_subscription: null,
    status: 'active',
    subscription: subscription.id,
    test_clock: subscription.test_clock,
  } as unknown as Stripe.SubscriptionSchedule;
  ctx.state.subscription_schedules[schedule.id] = schedule;
  const before = structuredClone(subscription);
  subscription.schedule = schedule.id;
  ctx.emit('subscription_schedule.created', schedule, now);
  ctx.emit('customer.subscription.updated', subscription, now, before);
  return schedule;
}

function phaseEnd(params: Params, index: number, start: number, price: Stripe.Price): number {
  const endDate = optInt(params, 'end_date');
  const duration = optObject(params, 'duration');
  if (endDate !== undefined && duration) {
    throw invalid('You may only specify one of these parameters: end_date, duration.', `phases[${index}]`, 'parameters_exclusive');
  }
  if (endDate !== undefined) return endDate;
  if (duration) {
    const interval = optEnum(duration, 'interval', DURATION_INTERVALS);
    if (!interval) throw missingParam(`phases[${index}][duration][interval]`);
    return boundary(start, { interval, interval_count: optInt(duration, 'interval_count') ?? 1 }, 1);
  }
  // Stripe runs a phase without an end for one billing interval of its price.
  return boundary(start, recurringOf(price), 1);
}

function update(ctx: Ctx, params: Params, [id]: string[]): Stripe.SubscriptionSchedule {
  const schedule = getOrThrow(ctx.state, 'subscription_schedules', id as string);
  if (schedule.status !== 'active' && schedule.status !== 'not_started') {
    throw invalid(`You cannot update a subscription schedule that is currently in the \`${schedule.status}\` status.`, 'id');
  }
  const subscription = getOrThrow(ctx.state, 'subscriptions', schedule.subscription as string);
  const now = customerNow(ctx.state, subscription.customer as string);
  const phaseParams = optArray(params, 'phases');
  if (phaseParams) {
    if (phaseParams.length === 0) throw missingParam('phases');
    const current = currentPeriod(subscription);
    let start = current.start;
    schedule.phases = phaseParams.map((phase, index) => {
      const requestedStart = optString(phase, 'start_date');
      if (requestedStart !== undefined) start = requestedStart === 'now' ? now : (optInt(phase, 'start_date') as number);
      if (index === 0 && start !== current.start) {
        throw invalid('You can not modify the start date of the current phase.', 'phases[0][start_date]');
      }
      const itemParams = optArray(phase, 'items');
      if (!itemParams?.length) throw missingParam(`phases[${index}][items]`);
      const items = itemParams.map((item, j) => ({
        price: usablePrice(ctx, reqString(item, 'price'), `phases[${index}][items][${j}][price]`, subscription.currency),
        quantity: optInt(item, 'quantity') ?? 1,
      }));
      const end = phaseEnd(phase, index, start, items[0]!.price);
      if (end <= start) throw invalid('A phase must end after it starts.', `phases[${index}][end_date]`);
      const built = buildPhase(items.map((item) => ({ price: item.price.id, quantity: item.quantity })), start, end, subscription.currency);
      start = end;
      return built;
    });
    const first = schedule.phases[0]!;
    schedule.current_phase = { start_date: first.start_date, end_date: first.end_date };
  }
  schedule.end_behavior = optEnum(params, 'end_behavior', END_BEHAVIORS) ?? schedule.end_behavior;
  schedule.metadata = mergeMetadata(schedule.metadata, params);
  ctx.emit('subscription_schedule.updated', schedule, now);
  return schedule;
}

function release(ctx: Ctx, _params: Params, [id]: string[]): Stripe.SubscriptionSchedule {
  const schedule = getOrThrow(ctx.state, 'subscription_schedules', id as string);
  if (schedule.status !== 'active' && schedule.status !== 'not_started') {
    throw invalid(`You cannot release a subscription schedule that is currently in the \`${schedule.status}\` status.`, 'id');
  }
  const subscriptionId = schedule.subscription as string;
  releaseSchedule(ctx, schedule, customerNow(ctx.state, ctx.state.subscriptions[subscriptionId]?.customer as string));
  return schedule;
}

function list(ctx: Ctx, params: Params): unknown {
  const customer = optString(params, 'customer');
  const schedules = newestFirst(ctx.state.subscription_schedules).filter((schedule) => !customer || schedule.customer === customer);
  return paginate(schedules, params, '/v1/subscription_schedules');
}

export const subscriptionScheduleRoutes: Route[] = [
  route('POST', '/v1/subscription_schedules', create),
  route('GET', '/v1/subscription_schedules', list),
  route('GET', '/v1/subscription_schedules/:id', (ctx, _params, [id]) => getOrThrow(ctx.state, 'subscription_schedules', id as string)),
  route('POST', '/v1/subscription_schedules/:id', update),
  route('POST', '/v1/subscription_schedules/:id/release', release),
];
