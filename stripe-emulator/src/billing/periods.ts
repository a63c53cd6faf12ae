import type Stripe from 'stripe';
import { DAY } from '../core/time.js';

export interface Period {
  start: number;
  end: number;
}

type Recurring = Pick<Stripe.Price.Recurring, 'interval' | 'interval_count'>;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
}

/**
 * The n-th billing boundary after the anchor. Months are counted from the anchor (not from the
 * previous boundary) so a 31 Jan anchor bills 28 Feb and then 31 Mar, as Stripe does.
 */
export function boundary(anchor: number, recurring: Recurring, n: number): number {
  const count = recurring.interval_count * n;
  if (recurring.interval === 'day') return anchor + count * DAY;
  if (recurring.interval === 'week') return anchor + count * 7 * DAY;
  const months = recurring.interval === 'year' ? count * 12 : count;
  const date = new Date(anchor * 1000);
  const monthIndex = date.getUTCMonth() + months;
  const year = date.getUTCFullYear() + Math.floor(monthIndex / 12);
  const month = ((monthIndex % 12) + 12) % 12;
  const day = Math.min(date.getUTCDate(), daysInMonth(year, month));
  const ms = Date.UTC(year, month, day, date.getUTCHours(), date.getUTCMinutes(), date.getUTCSeconds());
  return Math.floor(ms / 1000);
}

/** The first boundary strictly after `time`. */
export function nextBoundary(anchor: number, recurring: Recurring, time: number): number {
  let n = 0;
  while (boundary(anchor, recurring, n) <= time) n += 1;
  return boundary(anchor, recurring, n);
}

export function recurringOf(price: Stripe.Price): Recurring {
  return { interval: price.recurring?.interval ?? 'month', interval_count: price.recurring?.interval_count ?? 1 };
}

export function sameInterval(a: Stripe.Price, b: Stripe.Price): boolean {
  const ra = recurringOf(a);
  const rb = recurringOf(b);
  return ra.interval === rb.interval && ra.interval_count === rb.interval_count;
}

/** The billing period, counted from the anchor, that contains `time`. */
export function periodAround(anchor: number, recurring: Recurring, time: number): { start: number; end: number } {
  let n = 0;
  while (boundary(anchor, recurring, n + 1) <= time) n += 1;
  return { start: boundary(anchor, recurring, n), end: boundary(anchor, recurring, n + 1) };
}
