import type Stripe from 'stripe';
import { failure, postForm } from './flow-helpers';

/** One-off payments and saved cards for a customer: PaymentIntents, SetupIntents, their charges and refunds. */
export async function runPaymentsFlow(stripe: Stripe, customerId: string): Promise<void> {
  const cards = { allowed_payment_method_types: ['card'] };
  const paid = await stripe.paymentIntents.create({
    amount: 4200, currency: 'usd', customer: customerId, payment_method: 'pm_card_visa', confirm: true, setup_future_usage: 'off_session',
    return_url: 'https://app.example/paid', metadata: { order: '7' },
  });
  await stripe.paymentIntents.retrieve(paid.id, { expand: ['latest_charge', 'payment_method', 'customer'] });
  await stripe.charges.retrieve(paid.latest_charge as string, { expand: ['payment_intent'] });
  await stripe.charges.list({ payment_intent: paid.id, limit: 1 });
  const refund = await stripe.refunds.create({ payment_intent: paid.id, amount: 1000, reason: 'requested_by_customer' });
  await stripe.refunds.update(refund.id, { metadata: { ticket: '12' } });
  await stripe.refunds.retrieve(refund.id, { expand: ['charge'] });
  await stripe.refunds.create({ charge: paid.latest_charge as string });
  await failure(stripe.refunds.create({ payment_intent: paid.id }));
  const refunds = await stripe.refunds.list({ payment_intent: paid.id, limit: 1 });
  await stripe.refunds.list({ limit: 1, starting_after: refunds.data[0]!.id });
  const held = await stripe.paymentIntents.create({ amount: 1500, currency: 'usd', capture_method: 'manual', ...cards });
  await stripe.paymentIntents.update(held.id, { payment_method: 'pm_card_mastercard', description: 'held', amount: 1600 });
  await stripe.paymentIntents.confirm(held.id);
  await stripe.paymentIntents.capture(held.id, { amount_to_capture: 1000 });
  const declined = await stripe.paymentIntents.create({ amount: 900, currency: 'usd', payment_method: 'pm_card_chargeCustomerFail', ...cards });
  await failure(stripe.paymentIntents.confirm(declined.id));
  await failure(stripe.paymentIntents.confirm(declined.id, { payment_method: 'pm_card_authenticationRequired', off_session: true }));
  const challenged = await stripe.paymentIntents.confirm(declined.id, { payment_method: 'pm_card_threeDSecure2Required', return_url: 'https://app.example/3ds' });
  await postForm(challenged.next_action!.redirect_to_url!.url!, { result: 'fail' });
  await stripe.paymentIntents.retrieve(declined.id);
  const abandoned = await stripe.paymentIntents.create({ amount: 700, currency: 'eur', ...cards });
  await stripe.paymentIntents.cancel(abandoned.id, { cancellation_reason: 'abandoned' });
  await failure(stripe.paymentIntents.cancel(paid.id));
  await failure(stripe.paymentIntents.confirm(abandoned.id));
  await failure(stripe.paymentIntents.create({ amount: 700, currency: 'usd', payment_method: 'pm_card_visa', confirm: true }));
  const intents = await stripe.paymentIntents.list({ limit: 2 });
  await stripe.paymentIntents.list({ limit: 2, starting_after: intents.data.at(-1)!.id });
  await stripe.paymentIntents.list({ customer: customerId, limit: 1 });

  const setupIntent = await stripe.setupIntents.create({ customer: customerId, ...cards, metadata: { purpose: 'card change' } });
  await stripe.setupIntents.update(setupIntent.id, { description: 'new card' });
  await stripe.setupIntents.confirm(setupIntent.id, { payment_method: 'pm_card_amex' });
  await stripe.setupIntents.retrieve(setupIntent.id, { expand: ['payment_method'] });
  const needsAuth = await stripe.setupIntents.create({
    customer: customerId, payment_method: 'pm_card_authenticationRequired', confirm: true, return_url: 'https://app.example/setup',
  });
  await postForm(needsAuth.next_action!.redirect_to_url!.url!, { result: 'succeed' });
  const failingSetup = await stripe.setupIntents.create({ customer: customerId, payment_method: 'pm_card_chargeDeclined', ...cards });
  await failure(stripe.setupIntents.confirm(failingSetup.id));
  await stripe.setupIntents.cancel(failingSetup.id, { cancellation_reason: 'abandoned' });
  const setups = await stripe.setupIntents.list({ customer: customerId, limit: 1 });
  await stripe.setupIntents.list({ customer: customerId, limit: 1, starting_after: setups.data[0]!.id });
}
