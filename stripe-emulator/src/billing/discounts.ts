import type Stripe from 'stripe';
import type { Ctx, LineSpec, Params, State } from '../types.js';
import { ApiError, invalid, noSuch } from '../http/errors.js';
import { optString } from '../http/params.js';
import { formatMoney } from '../objects/money.js';
import { buildDiscount, couponValid } from '../objects/discount.js';

/** A discount with the coupon that sets its amounts. */
export interface DiscountTerm {
  discount: Stripe.Discount;
  coupon: Stripe.Coupon;
}

/** What a discount is being redeemed for: the checks a promotion code's restrictions need. */
export interface Redemption {
  /** Null in a Checkout Session that will create its customer. */
  customer: Stripe.Customer | null;
  subscription: string | null;
  currency: string;
  products: string[];
  /** The amount the first invoice would have before discounts (for `minimum_amount`). */
  amount: number;
  now: number;
  checkoutSession?: string | null;
}

function couponOf(state: State, id: string): Stripe.Coupon | undefined {
  return state.coupons[id] ?? state.retired_coupons[id];
}

function expired(message: string, param: string): ApiError {
  return new ApiError(400, 'invalid_request_error', message, 'coupon_expired', param);
}

/** Stripe's refusals for a coupon that cannot be redeemed for this purchase. */
function checkCoupon(coupon: Stripe.Coupon, target: Redemption, param: string): void {
  if (!couponValid(coupon, target.now)) throw expired(`Coupon expired: ${coupon.id}`, param);
  if (coupon.amount_off !== null && coupon.currency !== target.currency) {
    throw invalid(`The coupon's currency (${coupon.currency}) must match the currency of the subscription (${target.currency}).`, param);
  }
  const products = coupon.applies_to?.products;
  if (products && !target.products.some((product) => products.includes(product))) {
    throw invalid(`The coupon ${coupon.id} cannot be applied to any of the products in this purchase.`, param);
  }
}

function hasPriorTransactions(state: State, customerId: string): boolean {
  return Object.values(state.invoices).some((invoice) => invoice.customer === customerId && invoice.status === 'paid' && invoice.amount_paid > 0)
    || Object.values(state.charges).some((charge) => charge.customer === customerId && charge.paid);
}

function checkPromotionCode(state: State, promo: Stripe.PromotionCode, target: Redemption, param: string): void {
  if (!promo.active) throw invalid(`This promotion code is inactive: ${promo.code}`, param);
  if (promo.expires_at !== null && promo.expires_at <= target.now) throw expired(`This promotion code has expired: ${promo.code}`, param);
  if (promo.max_redemptions !== null && promo.times_redeemed >= promo.max_redemptions) {
    throw expired(`This promotion code has been redeemed its maximum number of times: ${promo.code}`, param);
  }
  if (promo.customer !== null && promo.customer !== target.customer?.id) throw invalid('This promotion code cannot be redeemed by this customer.', param);
  if (promo.restrictions.first_time_transaction && target.customer && hasPriorTransactions(state, target.customer.id)) {
    throw invalid('This promotion code cannot be redeemed because the associated customer has prior transactions.', param);
  }
  const minimum = promo.restrictions.minimum_amount;
  if (minimum !== null && (promo.restrictions.minimum_amount_currency !== target.currency || target.amount < minimum)) {
    throw invalid(`This promotion code requires a minimum amount of ${formatMoney(minimum, promo.restrictions.minimum_amount_currency ?? target.currency)}.`, param);
  }
}

/**
 * The `discounts` parameter (`[{ coupon }]`, `[{ promotion_code }]`, `[{ discount }]` to keep one
 * already applied): checks each as Stripe does and returns the discounts, new ones not yet stored.
 */
export function readDiscounts(ctx: Ctx, entries: Params[], target: Redemption, existing: string[] = []): DiscountTerm[] {
  const terms = entries.map((entry, i): DiscountTerm => {
    const keep = optString(entry, 'discount');
    if (keep) {
      const discount = existing.includes(keep) ? ctx.state.discounts[keep] : undefined;
      const coupon = discount && couponOf(ctx.state, discount.source.coupon as string);
      if (!discount || !coupon) throw noSuch('discount', keep, `discounts[${i}][discount]`);
      return { discount, coupon };
    }
    const promoId = optString(entry, 'promotion_code');
    const couponId = optString(entry, 'coupon');
    if (promoId && couponId) throw invalid('You may only specify one of these parameters: coupon, promotion_code.', `discounts[${i}]`, 'parameters_exclusive');
    let promo: Stripe.PromotionCode | null = null;
    let coupon: Stripe.Coupon | undefined;
    if (promoId) {
      const param = `discounts[${i}][promotion_code]`;
      promo = ctx.state.promotion_codes[promoId] ?? null;
      if (!promo) throw noSuch('promotion code', promoId, param);
      checkPromotionCode(ctx.state, promo, target, param);
      coupon = ctx.state.coupons[promo.promotion.coupon as string];
      if (!coupon) throw expired(`The coupon of this promotion code was deleted: ${promo.code}`, param);
      checkCoupon(coupon, target, param);
    } else if (couponId) {
      const param = `discounts[${i}][coupon]`;
      coupon = ctx.state.coupons[couponId];
      if (!coupon) throw noSuch('coupon', couponId, param);
      checkCoupon(coupon, target, param);
    } else {
      throw invalid('Each discount needs a coupon, a promotion_code or a discount.', `discounts[${i}]`);
    }
    const discount = buildDiscount({
      coupon, promotionCode: promo?.id ?? null, customer: target.customer?.id ?? null, subscription: target.subscription,
      checkoutSession: target.checkoutSession, start: target.now,
    });
    return { discount, coupon };
  });
  const coupons = terms.map((term) => term.coupon.id);
  if (new Set(coupons).size !== coupons.length) throw invalid('The same coupon cannot be applied twice.', 'discounts');
  return terms;
}

/** Stores new discounts, counts their redemptions and sends `customer.discount.created`. */
export function redeem(ctx: Ctx, terms: DiscountTerm[], now: number): void {
  for (const { discount, coupon } of terms) {
    if (ctx.state.discounts[discount.id]) continue;
    ctx.state.discounts[discount.id] = discount;
    coupon.times_redeemed += 1;
    coupon.valid = couponValid(coupon, now);
    const promo = discount.promotion_code ? ctx.state.promotion_codes[discount.promotion_code as string] : undefined;
    if (promo) promo.times_redeemed += 1;
    ctx.emit('customer.discount.created', discount, now);
  }
}

/** Removes a discount for good (`customer.discount.deleted`). */
export function endDiscount(ctx: Ctx, discountId: string, now: number): void {
  const discount = ctx.state.discounts[discountId];
  if (!discount) return;
  delete ctx.state.discounts[discountId];
  ctx.emit('customer.discount.deleted', discount, now);
}

/** The `discounts` parameter, where `discounts=` (an empty string) means none. */
export function discountParams(params: Params): Params[] | undefined {
  if (params.discounts === '') return [];
  const value = params.discounts;
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) throw invalid('Invalid array', 'discounts');
  return value.map((entry) => (typeof entry === 'object' && entry !== null ? (entry as Params) : {}));
}

/** A subscription's discounts still in force at `at` (a `repeating` one ends at its `end`). */
export function subscriptionTerms(state: State, subscription: Stripe.Subscription, at: number): DiscountTerm[] {
  return subscription.discounts.flatMap((ref) => {
    const discount = state.discounts[typeof ref === 'string' ? ref : ref.id];
    const coupon = discount && couponOf(state, discount.source.coupon as string);
    if (!discount || !coupon || (discount.end !== null && discount.end <= at)) return [];
    return [{ discount, coupon }];
  });
}

/** Before a renewal: drops discounts whose time is over from the subscription. */
export function dropEndedDiscounts(ctx: Ctx, subscription: Stripe.Subscription, at: number): void {
  const active = new Set(subscriptionTerms(ctx.state, subscription, at).map((term) => term.discount.id));
  for (const ref of subscription.discounts) {
    const id = typeof ref === 'string' ? ref : ref.id;
    if (!active.has(id)) endDiscount(ctx, id, at);
  }
  subscription.discounts = subscription.discounts.filter((ref) => active.has(typeof ref === 'string' ? ref : ref.id));
}

/** A `once` discount is spent by the first invoice it reduced. */
export function spendOnceDiscounts(ctx: Ctx, subscription: Stripe.Subscription, invoice: Stripe.Invoice, at: number): void {
  const before = structuredClone(subscription);
  const used = new Set((invoice.total_discount_amounts ?? []).filter((entry) => entry.amount > 0).map((entry) => entry.discount as string));
  const spent = subscriptionTerms(ctx.state, subscription, at)
    .filter((term) => term.coupon.duration === 'once' && used.has(term.discount.id)).map((term) => term.discount.id);
  if (spent.length === 0) return;
  subscription.discounts = subscription.discounts.filter((ref) => !spent.includes(typeof ref === 'string' ? ref : ref.id));
  for (const id of spent) endDiscount(ctx, id, at);
  ctx.emit('customer.subscription.updated', subscription, at, before);
}

function applies(line: Stripe.InvoiceLineItem, coupon: Stripe.Coupon): boolean {
  const products = coupon.applies_to?.products;
  const product = line.pricing?.price_details?.product;
  return !products || (product !== undefined && products.includes(product));
}

const isProration = (line: Stripe.InvoiceLineItem): boolean => line.parent?.subscription_item_details?.proration === true
  || line.parent?.invoice_item_details?.proration === true;

/**
 * Each discount's amount on each line, in order, each on what the earlier ones left: `percent_off` per
 * discountable line; `amount_off` off the invoice's subtotal, as Stripe takes it ("subtracted from any invoice's
 * subtotal"): prorations count with their sign (their amounts already net of percentages), so on an invoice of a
 * plan change it comes off the net charge, never more than that; it is spread over the positive lines in proportion.
 */
export function discountLines(lines: Stripe.InvoiceLineItem[], terms: DiscountTerm[]): void {
  const remaining = new Map(lines.map((line) => [line.id, line.amount - (line.discount_amounts ?? []).reduce((sum, entry) => sum + entry.amount, 0)]));
  for (const { discount, coupon } of terms) {
    const counted = lines.filter((line) => applies(line, coupon) && (line.discountable || (coupon.amount_off !== null && isProration(line))));
    const targets = counted.filter((line) => (remaining.get(line.id) ?? 0) > 0);
    const positive = targets.reduce((sum, line) => sum + (remaining.get(line.id) ?? 0), 0);
    const net = counted.reduce((sum, line) => sum + (remaining.get(line.id) ?? 0), 0);
    const total = coupon.amount_off !== null ? Math.max(0, Math.min(coupon.amount_off, net)) : 0;
    let left = total;
    targets.forEach((line, index) => {
      const open = remaining.get(line.id) ?? 0;
      let amount: number;
      if (coupon.percent_off !== null) amount = Math.round((open * coupon.percent_off) / 100);
      else if (index === targets.length - 1) amount = left;
      else amount = Math.min(left, Math.round((total * open) / positive));
      if (coupon.amount_off !== null) left -= amount;
      remaining.set(line.id, open - amount);
      line.discount_amounts = [...(line.discount_amounts ?? []).filter((entry) => entry.discount !== discount.id || entry.amount !== 0), { amount, discount: discount.id }];
    });
  }
}

/**
 * Prorations under Stripe's default `proration_discounts: included`: the amount is already net of the
 * subscription's percentage discounts, and the line names them with a discount amount of 0. A credit for unused
 * time is at what was paid for it (`before`, the discounts in force until the change), the charge for the
 * remaining time at the discounts the change leaves (`terms`), so a code added with a change discounts only what
 * it newly charges.
 */
export function discountProrations(specs: LineSpec[], terms: DiscountTerm[], before: DiscountTerm[] = terms): LineSpec[] {
  if (terms.length === 0 && before.length === 0) return specs;
  return specs.map((spec) => {
    if (!spec.proration) return spec;
    const applying = (spec.amount < 0 ? before : terms)
      .filter(({ coupon }) => !coupon.applies_to || (spec.product !== null && coupon.applies_to.products.includes(spec.product)));
    // An amount off is taken from the invoice's subtotal (discountLines), not from each proration.
    const factor = applying.reduce((left, { coupon }) => left * (1 - (coupon.percent_off ?? 0) / 100), 1);
    return { ...spec, amount: Math.round(spec.amount * factor), discounts: applying.map((term) => term.discount.id) };
  });
}
