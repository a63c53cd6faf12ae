import type Stripe from 'stripe';
import type { Ctx, Params } from '../types.js';
import { newId } from '../core/ids.js';
import { DAY, realNow } from '../core/time.js';
import { runDueWork, RENEWING } from '../billing/due-work.js';
import { boundary, recurringOf } from '../billing/periods.js';
import { invalid, missingParam } from '../http/errors.js';
import { newestFirst, paginate } from '../http/list.js';
import { optInt, optNullableString } from '../http/params.js';
import { route, type Route } from '../http/router.js';
import { getOrThrow } from './common.js';
import { deleteCustomer } from './customers.js';

function create(ctx: Ctx, params: Params): Stripe.TestHelpers.TestClock {
  const frozenTime = optInt(params, 'frozen_time');
  if (frozenTime === undefined) throw missingParam('frozen_time');
  const created = realNow();
  const clock: Stripe.TestHelpers.TestClock = {
    id: newId('clock'),
    object: 'test_helpers.test_clock',
    created,
    deletes_after: created + 30 * DAY,
    frozen_time: frozenTime,
    livemode: false,
    name: optNullableString(params, 'name') ?? null,
    status: 'ready',
    status_details: {},
  };
  ctx.state.test_clocks[clock.id] = clock;
  ctx.emit('test_helpers.test_clock.created', clock, frozenTime);
  return clock;
}

/** Stripe: at most two intervals of the clock's shortest renewing subscription ahead, or two years without one. */
function advanceLimit(ctx: Ctx, clock: Stripe.TestHelpers.TestClock): number {
  const limits = Object.values(ctx.state.subscriptions)
    .filter((subscription) => subscription.test_clock === clock.id && RENEWING.includes(subscription.status))
    .map((subscription) => boundary(clock.frozen_time, recurringOf((subscription.items.data[0] as Stripe.SubscriptionItem).price), 2));
  return limits.length > 0 ? Math.min(...limits) : boundary(clock.frozen_time, { interval: 'year', interval_count: 1 }, 2);
}

/**
 * Moves the clock forward, running everything due in between in time order. Like Stripe it
 * answers with the clock `advancing`; the work is done before the response, so the clock is
 * already `ready` when the caller polls for it.
 */
function advance(ctx: Ctx, params: Params, [id]: string[]): Stripe.TestHelpers.TestClock {
  const clock = getOrThrow(ctx.state, 'test_clocks', id as string);
  const target = optInt(params, 'frozen_time');
  if (target === undefined) throw missingParam('frozen_time');
  if (target <= clock.frozen_time) {
    throw invalid('The frozen_time must be after the test clock\u2019s current frozen_time.', 'frozen_time');
  }
  if (target > advanceLimit(ctx, clock)) {
    throw invalid('Cannot advance more than two intervals in the future from the shortest subscription in this test clock, or two years without one.', 'frozen_time');
  }
  clock.status = 'advancing';
  clock.status_details = { advancing: { target_frozen_time: target } };
  const response = structuredClone(clock);
  ctx.emit('test_helpers.test_clock.advancing', clock, clock.frozen_time);
  const automatic: Ctx = { ...ctx, request: { id: null, idempotency_key: null } };
  const onClock = (customerId: string): boolean => ctx.state.customers[customerId]?.test_clock === clock.id;
  runDueWork(automatic, onClock, target, (at) => {
    clock.frozen_time = at;
  });
  clock.frozen_time = target;
  clock.status = 'ready';
  clock.status_details = {};
  ctx.emit('test_helpers.test_clock.ready', clock, target);
  return response;
}

/** Deleting a clock deletes its customers (and so cancels their subscriptions), as Stripe does. */
function remove(ctx: Ctx, _params: Params, [id]: string[]): Stripe.TestHelpers.DeletedTestClock {
  const clock = getOrThrow(ctx.state, 'test_clocks', id as string);
  for (const customer of Object.values(ctx.state.customers)) {
    if (customer.test_clock === clock.id) deleteCustomer(ctx, customer);
  }
  delete ctx.state.test_clocks[clock.id];
  ctx.state.deleted[clock.id] = 'test_helpers.test_clock';
  ctx.emit('test_helpers.test_clock.deleted', clock, clock.frozen_time);
  return { id: clock.id, object: 'test_helpers.test_clock', deleted: true };
}

export const testClockRoutes: Route[] = [
  route('POST', '/v1/test_helpers/test_clocks', create),
  route('GET', '/v1/test_helpers/test_clocks', (ctx, params) =>
    paginate(newestFirst(ctx.state.test_clocks), params, '/v1/test_helpers/test_clocks')),
  route('GET', '/v1/test_helpers/test_clocks/:id', (ctx, _params, [id]) => getOrThrow(ctx.state, 'test_clocks', id as string)),
  route('POST', '/v1/test_helpers/test_clocks/:id/advance', advance),
  route('DELETE', '/v1/test_helpers/test_clocks/:id', remove),
];
