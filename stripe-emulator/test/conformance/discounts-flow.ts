import type Stripe from 'stripe';
import { failure } from './flow-helpers';

export interface DiscountedCatalogue {
  clock: Stripe.TestHelpers.TestClock;
  proProduct: Stripe.Product;
  starter: Stripe.Price;
  pro: Stripe.Price;
  proYearly: Stripe.Price;
}

/** Coupons and promotion codes on subscriptions, previews and Checkout. */
export async function runDiscountsFlow(stripe: Stripe, { clock, proProduct, starter, pro, proYearly }: DiscountedCatalogue): Promise<void> {
  const halfOff = await stripe.coupons.create({ percent_off: 50, duration: 'repeating', duration_in_months: 2, name: 'Half', applies_to: { products: [proProduct.id] } });
  const fiveOff = await stripe.coupons.create({ id: 'FIVEOFF', amount_off: 500, currency: 'usd', duration: 'once', max_redemptions: 5 });
  await stripe.coupons.update(fiveOff.id, { metadata: { campaign: 'spring' } });
  await stripe.coupons.retrieve(halfOff.id);
  const coupons = await stripe.coupons.list({ limit: 1 });
  await stripe.coupons.list({ limit: 1, starting_after: coupons.data[0]!.id });
  const promo = await stripe.promotionCodes.create({
    promotion: { type: 'coupon', coupon: fiveOff.id }, code: 'SPRING5', max_redemptions: 3,
    restrictions: { minimum_amount: 1000, minimum_amount_currency: 'usd' },
  });
  await stripe.promotionCodes.update(promo.id, { metadata: { channel: 'email' } });
  await stripe.promotionCodes.retrieve(promo.id, { expand: ['promotion.coupon'] });
  await stripe.promotionCodes.list({ code: 'SPRING5', limit: 1 });
  const saver = await stripe.customers.create({ email: 'saver@example.com', test_clock: clock.id, payment_method: 'pm_card_visa', invoice_settings: { default_payment_method: 'pm_card_visa' } });
  const discounted = await stripe.subscriptions.create({
    customer: saver.id, items: [{ price: pro.id }], discounts: [{ coupon: halfOff.id }, { promotion_code: promo.id }], expand: ['discounts', 'latest_invoice'],
  });
  await stripe.invoices.createPreview({
    subscription: discounted.id, subscription_details: { items: [{ id: discounted.items.data[0]!.id, price: proYearly.id }] }, expand: ['total_discount_amounts.discount'],
  });
  await stripe.invoices.createPreview({ customer: saver.id, subscription_details: { items: [{ price: pro.id }] }, discounts: [{ coupon: halfOff.id }] });
  await stripe.subscriptions.update(discounted.id, {
    items: [{ id: discounted.items.data[0]!.id, quantity: 2 }], proration_behavior: 'always_invoice', discounts: [{ discount: (discounted.discounts[0] as Stripe.Discount).id }],
  });
  await failure(stripe.subscriptions.create({ customer: saver.id, items: [{ price: starter.id }], discounts: [{ coupon: halfOff.id }] }));
  await failure(stripe.subscriptions.create({ customer: saver.id, items: [{ price: starter.id }], discounts: [{ coupon: 'missing' }] }));
  await stripe.checkout.sessions.create({
    mode: 'subscription', customer: saver.id, line_items: [{ price: pro.id }], discounts: [{ coupon: fiveOff.id }], success_url: 'https://app.example/ok',
  });
  await stripe.checkout.sessions.create({ mode: 'subscription', customer_email: 'codes@example.com', line_items: [{ price: starter.id }], allow_promotion_codes: true });
  await stripe.coupons.del(halfOff.id);
  await stripe.coupons.retrieve(halfOff.id);
  await stripe.subscriptions.retrieve(discounted.id, { expand: ['discounts.promotion_code'] });
}
