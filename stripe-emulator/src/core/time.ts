import type { State } from '../types.js';

export const DAY = 86_400;

export function realNow(): number {
  return Math.floor(Date.now() / 1000);
}

/** Customers on a test clock live on the clock's frozen time; everyone else on real time. */
export function customerNow(state: State, customerId: string | null | undefined): number {
  const customer = customerId ? state.customers[customerId] : undefined;
  const clockId = typeof customer?.test_clock === 'string' ? customer.test_clock : null;
  const clock = clockId ? state.test_clocks[clockId] : undefined;
  return clock ? clock.frozen_time : realNow();
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "24 Nov 2026", the way Stripe writes dates in line descriptions (UTC here). */
export function formatDay(unixSeconds: number): string {
  const date = new Date(unixSeconds * 1000);
  return `${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
}
