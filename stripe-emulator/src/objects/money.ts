import type Stripe from 'stripe';

/** "$20.00" from 2000 in minor units; zero-decimal currencies come out right via Intl. */
export function formatMoney(amount: number, currency: string): string {
  const format = new Intl.NumberFormat('en-US', { style: 'currency', currency: currency.toUpperCase() });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(amount / 10 ** digits);
}

/** Stripe sends decimals as strings; the SDK turns them into its Decimal class client-side. */
export function decimal(value: number | string): Stripe.Decimal {
  return String(value) as unknown as Stripe.Decimal;
}
