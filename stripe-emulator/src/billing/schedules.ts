import type Stripe from 'stripe';
import type { Ctx } from '../types.js';
import { planFromPrice } from '../resources/prices.js';
import { endSubscription } from './lifecycle.js';
import { currentPeriod } from './plan-update.js';

type Phase = Stripe.SubscriptionSchedule.Phase;

export function scheduleOf(ctx: Ctx, subscription: Stripe.Subscription): Stripe.SubscriptionSchedule | undefined {
  const id = typeof subscription.schedule === 'string' ? subscription.schedule : subscription.schedule?.id;
  const schedule = id ? ctx.state.subscription_schedules[id] : undefined;
  return schedule?.status === 'active' ? schedule : undefined;
}

/** Detaches the schedule; the subscription keeps the items it has now (Stripe's `release`). */
export function releaseSchedule(ctx: Ctx, schedule: Stripe.SubscriptionSchedule, at: number): void {
  const subscriptionId = schedule.subscription as string | null;
  const subscription = subscriptionId ? ctx.state.subscriptions[subscriptionId] : undefined;
  const before = subscription ? structuredClone(subscription) : null;
  schedule.status = 'released';
  schedule.released_at = at;
  schedule.released_subscription = subscriptionId;
  schedule.subscription = null;
  schedule.current_phase = null;
  ctx.emit('subscription_schedule.released', schedule, at);
  if (subscription && before) {
    subscription.schedule = null;
    ctx.emit('customer.subscription.updated', subscription, at, before);
  }
}

function phaseAt(schedule: Stripe.SubscriptionSchedule, at: number): Phase | undefined {
  return schedule.phases.find((phase) => phase.start_date <= at && at < phase.end_date);
}

/**
 * Runs before a renewal at `at`: the phase that starts then puts its items on the subscription (no proration,
 * the old period is over), so the renewal invoices the new price. Past the last phase the schedule ends as its
 * `end_behavior` says: `release` leaves the subscription as it is, `cancel` ends it. Returns false when the
 * subscription was canceled and must not renew.
 */
export function enterSchedulePhase(ctx: Ctx, subscription: Stripe.Subscription, at: number): boolean {
  const schedule = scheduleOf(ctx, subscription);
  if (!schedule) return true;
  const phase = phaseAt(schedule, at);
  if (!phase) {
    if (schedule.end_behavior === 'cancel') {
      schedule.status = 'completed';
      schedule.completed_at = at;
      schedule.current_phase = null;
      ctx.emit('subscription_schedule.completed', schedule, at);
      endSubscription(ctx, subscription, at, 'cancellation_requested');
      return false;
    }
    releaseSchedule(ctx, schedule, at);
    return true;
  }
  schedule.current_phase = { start_date: phase.start_date, end_date: phase.end_date };
  const target = phase.items[0];
  const item = subscription.items.data[0];
  if (target && item) {
    const price = ctx.state.prices[target.price as string];
    if (price && price.id !== item.price.id) {
      item.price = structuredClone(price);
      item.plan = planFromPrice(price);
    }
    item.quantity = target.quantity ?? item.quantity;
  }
  ctx.emit('subscription_schedule.updated', schedule, at);
  return true;
}

/** The phase a schedule made from a subscription starts with: its items for the current period. */
export function phaseFromSubscription(subscription: Stripe.Subscription): Phase {
  const period = currentPeriod(subscription);
  const items = subscription.items.data.map((item) => ({ price: item.price.id, quantity: item.quantity ?? 1 }));
  return buildPhase(items, period.start, period.end, subscription.currency);
}

export function buildPhase(items: { price: string; quantity: number }[], start: number, end: number, currency: string): Phase {
  return {
    add_invoice_items: [],
    application_fee_percent: null,
    billing_cycle_anchor: null,
    billing_thresholds: null,
    collection_method: null,
    currency,
    default_payment_method: null,
    default_tax_rates: [],
    description: null,
    discounts: [],
    end_date: end,
    invoice_settings: null,
    items: items.map((item) => ({
      billing_thresholds: null, discounts: [], metadata: {}, plan: item.price, price: item.price, quantity: item.quantity, tax_rates: [],
    })),
    metadata: {},
    on_behalf_of: null,
    proration_behavior: 'create_prorations',
    start_date: start,
    transfer_data: null,
    trial_end: null,
  } as unknown as Phase;
}
