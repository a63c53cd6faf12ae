import type Stripe from 'stripe';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPlans, customerWithCard, DAY, launch, type Harness, type Plans } from './helpers';

const JAN_1 = 1_767_225_600; // 2026-01-01T00:00:00Z
const FEB_1 = JAN_1 + 31 * DAY;
const MAR_1 = FEB_1 + 28 * DAY;
const APR_1 = MAR_1 + 31 * DAY;

async function failure(call: Promise<unknown>): Promise<Stripe.errors.StripeError> {
  try {
    await call;
  } catch (error) {
    return error as Stripe.errors.StripeError;
  }
  throw new Error('expected the call to fail');
}

describe('coupons and promotion codes', () => {
  let harness: Harness;
  let stripe: Stripe;
  let plans: Plans;
  let clock: Stripe.TestHelpers.TestClock;

  beforeEach(async () => {
    harness = await launch();
    stripe = harness.stripe;
    plans = await createPlans(stripe);
    clock = await stripe.testHelpers.testClocks.create({ frozen_time: JAN_1 });
  });
  afterEach(async () => harness.emulator.close());

  const customer = (extra: Stripe.CustomerCreateParams = {}) => customerWithCard(stripe, 'pm_card_visa', { test_clock: clock.id, ...extra });
  const advance = (to: number) => stripe.testHelpers.testClocks.advance(clock.id, { frozen_time: to });
  const invoicesOf = async (subscription: string) => (await stripe.invoices.list({ subscription, limit: 100 })).data.reverse();
  const eventTypes = async () => (await stripe.events.list({ limit: 100 })).data.map((event) => event.type);

  it('creates, updates, lists and deletes coupons with their events', async () => {
    const percent = await stripe.coupons.create({ percent_off: 25, duration: 'repeating', duration_in_months: 3, name: 'Spring' });
    expect(percent).toMatchObject({ object: 'coupon', percent_off: 25, amount_off: null, currency: null, duration_in_months: 3, times_redeemed: 0, valid: true });
    const fixed = await stripe.coupons.create({ id: 'FIVE', amount_off: 500, currency: 'usd', max_redemptions: 2 });
    expect(fixed).toMatchObject({ id: 'FIVE', duration: 'once', amount_off: 500, currency: 'usd', max_redemptions: 2 });
    expect(await stripe.coupons.update('FIVE', { name: 'Five off', metadata: { campaign: 'x' } })).toMatchObject({ name: 'Five off', metadata: { campaign: 'x' } });
    expect((await stripe.coupons.list()).data.map((c) => c.id)).toEqual(['FIVE', percent.id]);
    expect(await stripe.coupons.del(percent.id)).toEqual({ id: percent.id, object: 'coupon', deleted: true });
    expect(await stripe.coupons.retrieve(percent.id)).toMatchObject({ id: percent.id, deleted: true });
    expect((await failure(stripe.coupons.create({ percent_off: 10, amount_off: 100, currency: 'usd' }))).code).toBe('parameters_exclusive');
    expect((await failure(stripe.coupons.create({ percent_off: 10, duration: 'repeating' }))).code).toBe('parameter_missing');
    expect(await eventTypes()).toEqual(expect.arrayContaining(['coupon.created', 'coupon.updated', 'coupon.deleted']));
  });

  it('applies a repeating coupon to the invoices of its months and then drops it from the subscription', async () => {
    const coupon = await stripe.coupons.create({ percent_off: 50, duration: 'repeating', duration_in_months: 2 });
    const buyer = await customer();
    const subscription = await stripe.subscriptions.create({ customer: buyer.id, items: [{ price: plans.pro.id }], discounts: [{ coupon: coupon.id }] });
    expect(subscription.discounts).toHaveLength(1);
    const discount = await stripe.subscriptions.retrieve(subscription.id, { expand: ['discounts'] }).then((s) => s.discounts[0] as Stripe.Discount);
    expect(discount).toMatchObject({ object: 'discount', source: { coupon: coupon.id, type: 'coupon' }, start: JAN_1, end: MAR_1, subscription: subscription.id });
    await advance(FEB_1 + 3600);
    await advance(APR_1 + 3600);
    const invoices = await invoicesOf(subscription.id);
    expect(invoices.map((invoice) => [invoice.subtotal, invoice.total, invoice.amount_paid])).toEqual([[3000, 1500, 1500], [3000, 1500, 1500], [3000, 3000, 3000], [3000, 3000, 3000]]);
    const first = invoices[0]!;
    expect(first.discounts).toEqual([discount.id]);
    expect(first.total_discount_amounts).toEqual([{ amount: 1500, discount: discount.id }]);
    expect(first.lines.data[0]!.discount_amounts).toEqual([{ amount: 1500, discount: discount.id }]);
    expect((await stripe.subscriptions.retrieve(subscription.id)).discounts).toEqual([]);
    expect((await stripe.coupons.retrieve(coupon.id)).times_redeemed).toBe(1);
    expect(await eventTypes()).toEqual(expect.arrayContaining(['customer.discount.created', 'customer.discount.deleted']));
  });

  it('spends a once coupon on the first invoice and keeps a forever amount_off coupon on every renewal', async () => {
    const once = await stripe.coupons.create({ amount_off: 700, currency: 'usd', duration: 'once' });
    const forever = await stripe.coupons.create({ amount_off: 200, currency: 'usd', duration: 'forever' });
    const buyer = await customer();
    const subscription = await stripe.subscriptions.create({
      customer: buyer.id, items: [{ price: plans.starter.id }], discounts: [{ coupon: once.id }, { coupon: forever.id }],
    });
    await advance(FEB_1 + 3600);
    await advance(MAR_1 + 3600);
    const invoices = await invoicesOf(subscription.id);
    expect(invoices.map((invoice) => invoice.total)).toEqual([100, 800, 800]);
    expect((await stripe.subscriptions.retrieve(subscription.id)).discounts).toHaveLength(1);
  });

  it('discounts only the products a coupon applies to and refuses it for others', async () => {
    const proOnly = await stripe.coupons.create({ percent_off: 10, duration: 'forever', applies_to: { products: [plans.pro.product as string] } });
    const buyer = await customer();
    const error = await failure(stripe.subscriptions.create({ customer: buyer.id, items: [{ price: plans.starter.id }], discounts: [{ coupon: proOnly.id }] }));
    expect(error).toMatchObject({ statusCode: 400, param: 'discounts[0][coupon]' });
    const both = await stripe.subscriptions.create({
      customer: buyer.id, items: [{ price: plans.starter.id }, { price: plans.pro.id }], discounts: [{ coupon: proOnly.id }],
    });
    const invoice = await stripe.invoices.retrieve(both.latest_invoice as string);
    expect(invoice.lines.data.map((line) => line.discount_amounts?.map((entry) => entry.amount) ?? [])).toEqual([[], [300]]);
    expect(invoice).toMatchObject({ subtotal: 4000, total: 3700, amount_due: 3700 });
    const missing = await failure(stripe.subscriptions.create({ customer: buyer.id, items: [{ price: plans.pro.id }], discounts: [{ coupon: 'NOPE' }] }));
    expect(missing).toMatchObject({ statusCode: 400, code: 'resource_missing', param: 'discounts[0][coupon]' });
  });

  it('redeems promotion codes within their limits and refuses them as Stripe does', async () => {
    const coupon = await stripe.coupons.create({ percent_off: 20, duration: 'forever' });
    const promo = await stripe.promotionCodes.create({ promotion: { type: 'coupon', coupon: coupon.id }, code: 'WELCOME20', max_redemptions: 1 });
    expect(promo).toMatchObject({ object: 'promotion_code', code: 'WELCOME20', active: true, promotion: { coupon: coupon.id, type: 'coupon' }, times_redeemed: 0 });
    const first = await customer();
    const subscription = await stripe.subscriptions.create({ customer: first.id, items: [{ price: plans.pro.id }], discounts: [{ promotion_code: promo.id }] });
    expect((await stripe.invoices.retrieve(subscription.latest_invoice as string)).total).toBe(2400);
    expect((await stripe.promotionCodes.retrieve(promo.id)).times_redeemed).toBe(1);
    const second = await customer();
    expect(await failure(stripe.subscriptions.create({ customer: second.id, items: [{ price: plans.pro.id }], discounts: [{ promotion_code: promo.id }] })))
      .toMatchObject({ statusCode: 400, code: 'coupon_expired', param: 'discounts[0][promotion_code]' });

    const inactive = await stripe.promotionCodes.create({ promotion: { type: 'coupon', coupon: coupon.id }, code: 'OLD' });
    await stripe.promotionCodes.update(inactive.id, { active: false });
    expect(await failure(stripe.subscriptions.create({ customer: second.id, items: [{ price: plans.pro.id }], discounts: [{ promotion_code: inactive.id }] })))
      .toMatchObject({ statusCode: 400, param: 'discounts[0][promotion_code]' });

    const firstTime = await stripe.promotionCodes.create({ promotion: { type: 'coupon', coupon: coupon.id }, code: 'NEWHERE', restrictions: { first_time_transaction: true } });
    expect(await failure(stripe.subscriptions.update(subscription.id, { discounts: [{ promotion_code: firstTime.id }] })))
      .toMatchObject({ statusCode: 400, message: expect.stringContaining('prior transactions') });
    const big = await stripe.promotionCodes.create({
      promotion: { type: 'coupon', coupon: coupon.id }, code: 'BIG', restrictions: { minimum_amount: 5000, minimum_amount_currency: 'usd' },
    });
    expect(await failure(stripe.subscriptions.create({ customer: second.id, items: [{ price: plans.pro.id }], discounts: [{ promotion_code: big.id }] })))
      .toMatchObject({ statusCode: 400, message: expect.stringContaining('minimum amount') });
    expect((await stripe.promotionCodes.list({ code: 'welcome20' })).data.map((p) => p.id)).toEqual([promo.id]);
    expect(await eventTypes()).toEqual(expect.arrayContaining(['promotion_code.created', 'promotion_code.updated']));
  });

  it('refuses an expired promotion code', async () => {
    const now = Math.floor(Date.now() / 1000);
    const live = await stripe.testHelpers.testClocks.create({ frozen_time: now });
    const coupon = await stripe.coupons.create({ percent_off: 20 });
    const promo = await stripe.promotionCodes.create({ promotion: { type: 'coupon', coupon: coupon.id }, code: 'SOON', expires_at: now + 3600 });
    const buyer = await customerWithCard(stripe, 'pm_card_visa', { test_clock: live.id });
    await stripe.testHelpers.testClocks.advance(live.id, { frozen_time: now + 2 * 3600 });
    expect(await failure(stripe.subscriptions.create({ customer: buyer.id, items: [{ price: plans.pro.id }], discounts: [{ promotion_code: promo.id }] })))
      .toMatchObject({ statusCode: 400, code: 'coupon_expired' });
  });

  it('previews and applies a change with the prorations net of a percentage discount, as with proration_discounts=included', async () => {
    const coupon = await stripe.coupons.create({ percent_off: 50, duration: 'forever' });
    const buyer = await customer();
    const subscription = await stripe.subscriptions.create({ customer: buyer.id, items: [{ price: plans.starter.id }], discounts: [{ coupon: coupon.id }] });
    await advance(JAN_1 + 15 * DAY);
    const item = subscription.items.data[0]!;
    const change = { items: [{ id: item.id, price: plans.pro.id }], proration_behavior: 'always_invoice' as const, proration_date: JAN_1 + 15 * DAY };
    const preview = await stripe.invoices.createPreview({ subscription: subscription.id, subscription_details: change });
    const undiscounted = Math.round((3000 - 1000) * (16 / 31));
    expect(preview.total).toBe(Math.round(-1000 * 16 / 31 / 2) + Math.round(3000 * 16 / 31 / 2));
    expect(Math.abs(preview.total - undiscounted / 2)).toBeLessThanOrEqual(1);
    expect(preview.lines.data.every((line) => line.discount_amounts?.every((entry) => entry.amount === 0))).toBe(true);
    const updated = await stripe.subscriptions.update(subscription.id, change);
    const invoice = await stripe.invoices.retrieve(updated.latest_invoice as string);
    expect(invoice.total).toBe(preview.total);
    expect(invoice.amount_paid).toBe(preview.total);
    const renewal = await stripe.invoices.createPreview({ subscription: subscription.id });
    expect(renewal).toMatchObject({ subtotal: 3000, total: 1500 });
  });

  it('takes an amount_off coupon off the net charge of a plan change, preview and invoice alike, and spends a once coupon there', async () => {
    const buyer = await customer();
    const subscription = await stripe.subscriptions.create({ customer: buyer.id, items: [{ price: plans.starter.id }] });
    await advance(JAN_1 + 15 * DAY);
    const coupon = await stripe.coupons.create({ amount_off: 500, currency: 'usd', duration: 'once' });
    const item = subscription.items.data[0]!;
    const change = {
      items: [{ id: item.id, price: plans.pro.id }], proration_behavior: 'always_invoice' as const, proration_date: JAN_1 + 15 * DAY,
    };
    const preview = await stripe.invoices.createPreview({ subscription: subscription.id, subscription_details: change, discounts: [{ coupon: coupon.id }] });
    const net = Math.round(3000 * 16 / 31) - Math.round(1000 * 16 / 31);
    expect(preview.subtotal).toBe(net);
    expect(preview.total).toBe(net - 500);
    expect(preview.total_discount_amounts).toEqual([{ amount: 500, discount: expect.stringMatching(/^di_/) }]);
    const charge = preview.lines.data.find((line) => line.amount > 0)!;
    expect(charge.discount_amounts).toEqual([{ amount: 500, discount: expect.any(String) }]);

    const updated = await stripe.subscriptions.update(subscription.id, { ...change, discounts: [{ coupon: coupon.id }] });
    const invoice = await stripe.invoices.retrieve(updated.latest_invoice as string);
    expect(invoice).toMatchObject({ subtotal: preview.subtotal, total: preview.total, amount_paid: preview.total });
    // Spent by the change's invoice: the renewal is whole.
    expect((await stripe.subscriptions.retrieve(subscription.id)).discounts).toEqual([]);
    expect((await stripe.invoices.createPreview({ subscription: subscription.id })).total).toBe(3000);
  });

  it('credits unused time at what was paid, and discounts only the new charge, when a change brings a new percentage coupon', async () => {
    const buyer = await customer();
    const subscription = await stripe.subscriptions.create({ customer: buyer.id, items: [{ price: plans.starter.id }] });
    await advance(JAN_1 + 15 * DAY);
    const coupon = await stripe.coupons.create({ percent_off: 50, duration: 'forever' });
    const item = subscription.items.data[0]!;
    const change = { items: [{ id: item.id, price: plans.pro.id }], proration_behavior: 'always_invoice' as const, proration_date: JAN_1 + 15 * DAY };
    const preview = await stripe.invoices.createPreview({ subscription: subscription.id, subscription_details: change, discounts: [{ coupon: coupon.id }] });
    const [credit, charge] = [...preview.lines.data].sort((a, b) => a.amount - b.amount);
    expect(credit!.amount).toBe(-Math.round(1000 * 16 / 31));
    expect(credit!.discount_amounts).toEqual([]);
    expect(charge!.amount).toBe(Math.round(Math.round(3000 * 16 / 31) / 2));
    const updated = await stripe.subscriptions.update(subscription.id, { ...change, discounts: [{ coupon: coupon.id }] });
    expect((await stripe.invoices.retrieve(updated.latest_invoice as string)).total).toBe(preview.total);
  });

  it('takes no more than the net charge off a change, and nothing off a change that ends in a credit', async () => {
    const coupon = await stripe.coupons.create({ amount_off: 5000, currency: 'usd', duration: 'forever' });
    const buyer = await customer();
    const subscription = await stripe.subscriptions.create({ customer: buyer.id, items: [{ price: plans.pro.id }] });
    await advance(JAN_1 + 20 * DAY);
    const item = subscription.items.data[0]!;
    const at = JAN_1 + 20 * DAY;
    const downgrade = await stripe.invoices.createPreview({
      subscription: subscription.id, discounts: [{ coupon: coupon.id }],
      subscription_details: { items: [{ id: item.id, price: plans.starter.id }], proration_behavior: 'always_invoice', proration_date: at },
    });
    expect(downgrade.total).toBe(downgrade.subtotal);
    expect(downgrade.total).toBeLessThan(0);
    const yearly = await stripe.invoices.createPreview({
      subscription: subscription.id, discounts: [{ coupon: coupon.id }],
      subscription_details: { items: [{ id: item.id, price: plans.proYearly.id }], proration_behavior: 'always_invoice', proration_date: at },
    });
    expect(yearly.total).toBe(yearly.subtotal - 5000);
    const small = await stripe.coupons.create({ amount_off: 100_000, currency: 'usd' });
    const capped = await stripe.invoices.createPreview({
      subscription: subscription.id, discounts: [{ coupon: small.id }],
      subscription_details: { items: [{ id: item.id, price: plans.proYearly.id }], proration_behavior: 'always_invoice', proration_date: at },
    });
    expect(capped).toMatchObject({ total: 0, amount_due: 0 });
    expect(capped.total_discount_amounts?.[0]?.amount).toBe(capped.subtotal);
  });

  it('previews a new subscription with a promotion code without redeeming it', async () => {
    const coupon = await stripe.coupons.create({ amount_off: 1000, currency: 'usd', duration: 'once' });
    const promo = await stripe.promotionCodes.create({ promotion: { type: 'coupon', coupon: coupon.id } });
    const buyer = await customer();
    const preview = await stripe.invoices.createPreview({
      customer: buyer.id, subscription_details: { items: [{ price: plans.pro.id }] }, discounts: [{ promotion_code: promo.id }],
    });
    expect(preview).toMatchObject({ subtotal: 3000, total: 2000, amount_due: 2000 });
    expect((await stripe.promotionCodes.retrieve(promo.id)).times_redeemed).toBe(0);
  });

  it('carries Checkout discounts and a promotion code typed on the page to the subscription', async () => {
    const coupon = await stripe.coupons.create({ percent_off: 10, duration: 'forever' });
    const session = await stripe.checkout.sessions.create({
      mode: 'subscription', customer_email: 'new@example.com', line_items: [{ price: plans.pro.id }], discounts: [{ coupon: coupon.id }], success_url: 'http://app/ok',
    });
    expect(session).toMatchObject({ amount_subtotal: 3000, amount_total: 2700, total_details: { amount_discount: 300 }, discounts: [{ coupon: coupon.id, promotion_code: null }] });
    const post = (url: string, form: Record<string, string>) => fetch(url, {
      method: 'POST', redirect: 'manual', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form).toString(),
    });
    await post(`${harness.emulator.url}/_emulator/checkout/${session.id}/complete`, { card: 'pm_card_visa' });
    const done = await stripe.checkout.sessions.retrieve(session.id, { expand: ['subscription'] });
    expect((done.subscription as Stripe.Subscription).discounts).toHaveLength(1);
    expect((await stripe.invoices.retrieve(done.invoice as string)).total).toBe(2700);

    const promo = await stripe.promotionCodes.create({ promotion: { type: 'coupon', coupon: coupon.id }, code: 'TYPED' });
    const open = await stripe.checkout.sessions.create({
      mode: 'subscription', customer_email: 'typed@example.com', line_items: [{ price: plans.starter.id }], allow_promotion_codes: true,
    });
    expect(open.allow_promotion_codes).toBe(true);
    const page = await post(`${harness.emulator.url}/_emulator/checkout/${open.id}/promotion_code`, { code: 'typed' });
    expect(await page.text()).toContain('Due today: $9.00');
    expect((await stripe.checkout.sessions.retrieve(open.id)).discounts).toEqual([{ coupon: null, promotion_code: promo.id }]);
    expect((await failure(stripe.checkout.sessions.create({
      mode: 'subscription', line_items: [{ price: plans.starter.id }], allow_promotion_codes: true, discounts: [{ coupon: coupon.id }],
    }))).code).toBe('parameters_exclusive');
  });
});
