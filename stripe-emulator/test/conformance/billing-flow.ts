import type Stripe from 'stripe';
import { runDiscountsFlow } from './discounts-flow';
import { failure, postForm } from './flow-helpers';
import { runPaymentsFlow } from './payments-flow';

const JAN_1 = 1_767_225_600; // 2026-01-01T00:00:00Z
const DAY = 86_400;

async function everyPage<T extends { id: string }>(list: (startingAfter?: string) => Promise<Stripe.ApiList<T>>): Promise<T[]> {
  const items: T[] = [];
  let page = await list();
  items.push(...page.data);
  while (page.has_more) {
    page = await list(page.data.at(-1)!.id);
    items.push(...page.data);
  }
  return items;
}

/**
 * A billing app's life against the emulator, through the SDK: catalogue, customers and cards,
 * subscriptions and their changes, schedules, one-off invoices through every action, previews,
 * invoice items, test clocks, Checkout, the portal, and the errors an app meets. Each call's answer
 * is recorded by the client the caller passes in.
 */
export async function runBillingFlow(stripe: Stripe): Promise<void> {
  const clock = await stripe.testHelpers.testClocks.create({ frozen_time: JAN_1, name: 'conformance' });
  await stripe.testHelpers.testClocks.retrieve(clock.id);

  // Catalogue.
  const starterProduct = await stripe.products.create({ name: 'Starter', description: 'For one', metadata: { tier: '1' } });
  const proProduct = await stripe.products.create({ name: 'Pro' });
  const spare = await stripe.products.create({ name: 'Spare' });
  await stripe.products.update(starterProduct.id, { metadata: { tier: 'one' } });
  await stripe.products.retrieve(starterProduct.id);
  const products = await stripe.products.list({ limit: 2 });
  await stripe.products.list({ limit: 2, starting_after: products.data.at(-1)!.id });
  await stripe.products.del(spare.id);
  await stripe.products.retrieve(spare.id).catch(() => undefined);
  const monthly = { interval: 'month' as const };
  const starter = await stripe.prices.create({ product: starterProduct.id, unit_amount: 1000, currency: 'usd', recurring: monthly, lookup_key: 'starter_m' });
  const pro = await stripe.prices.create({ product: proProduct.id, unit_amount: 3000, currency: 'usd', recurring: monthly, nickname: 'Pro monthly' });
  const proYearly = await stripe.prices.create({ product: proProduct.id, unit_amount: 30000, currency: 'usd', recurring: { interval: 'year' } });
  const oneOff = await stripe.prices.create({ product: proProduct.id, unit_amount: 500, currency: 'usd' });
  await stripe.prices.update(pro.id, { metadata: { featured: 'yes' } });
  await stripe.prices.retrieve(starter.id, { expand: ['product'] });
  const prices = await stripe.prices.list({ limit: 2, expand: ['data.product'] });
  await stripe.prices.list({ limit: 2, starting_after: prices.data.at(-1)!.id });

  // Customers and cards.
  const customer = await stripe.customers.create({
    email: 'ada@example.com', name: 'Ada', test_clock: clock.id,
    payment_method: 'pm_card_visa', invoice_settings: { default_payment_method: 'pm_card_visa' },
    address: { line1: '1 Main St', city: 'Springfield', country: 'US', postal_code: '12345' },
  });
  await stripe.customers.update(customer.id, {
    description: 'conformance', metadata: { plan: 'starter' }, tax_exempt: 'none',
    shipping: { name: 'Ada', address: { line1: '2 Dock Rd', city: 'Portsmouth', country: 'GB', postal_code: 'PO1 1AA' } },
  });
  await stripe.customers.retrieve(customer.id, { expand: ['test_clock', 'invoice_settings.default_payment_method'] });
  const customers = await stripe.customers.list({ limit: 1 });
  await stripe.customers.list({ limit: 1, starting_after: customers.data[0]!.id, email: 'ada@example.com' });
  await stripe.customers.listPaymentMethods(customer.id, { limit: 5 });
  const created = await stripe.paymentMethods.create({ type: 'card', card: { token: 'tok_mastercard' } });
  await stripe.paymentMethods.attach(created.id, { customer: customer.id });
  await stripe.paymentMethods.update(created.id, { metadata: { label: 'spare' }, billing_details: { name: 'Ada' } });
  await stripe.paymentMethods.retrieve(created.id, { expand: ['customer'] });
  await stripe.paymentMethods.list({ customer: customer.id, type: 'card', limit: 1 });
  await stripe.paymentMethods.detach(created.id);
  const vat = await stripe.customers.createTaxId(customer.id, { type: 'eu_vat', value: 'DE123456789' });
  const ein = await stripe.customers.createTaxId(customer.id, { type: 'us_ein', value: '12-3456789' });
  await failure(stripe.customers.createTaxId(customer.id, { type: 'eu_vat', value: 'DE12' }));
  await failure(stripe.customers.createTaxId(customer.id, { type: 'xx_tin' as Stripe.CustomerCreateTaxIdParams.Type, value: '1' }));
  await stripe.customers.retrieveTaxId(customer.id, vat.id, { expand: ['customer'] });
  await stripe.customers.retrieve(customer.id, { expand: ['tax_ids'] });
  await stripe.customers.update(customer.id, { name: 'Conformance Ltd', address: { line1: '1 Main St', city: 'Berlin', postal_code: '10115', country: 'DE' }, expand: ['tax_ids'] });
  const taxIds = await stripe.customers.listTaxIds(customer.id, { limit: 1 });
  await stripe.customers.listTaxIds(customer.id, { limit: 1, starting_after: taxIds.data[0]!.id });
  await stripe.customers.deleteTaxId(customer.id, ein.id);

  // Subscriptions: create, read, change, pause collection, pause and resume, items, cancel.
  const subscription = await stripe.subscriptions.create({
    customer: customer.id, items: [{ price: starter.id, quantity: 2 }], metadata: { app: 'conformance' }, expand: ['latest_invoice'],
  });
  await stripe.subscriptions.retrieve(subscription.id, { expand: ['customer', 'items.data.price.product', 'latest_invoice.lines'] });
  const subscriptions = await stripe.subscriptions.list({ customer: customer.id, limit: 1, expand: ['data.latest_invoice'] });
  await stripe.subscriptions.list({ limit: 1, starting_after: subscriptions.data[0]!.id, status: 'all' });
  const item = subscription.items.data[0]!;
  await stripe.subscriptionItems.list({ subscription: subscription.id });
  await stripe.subscriptionItems.retrieve(item.id, { expand: ['price.product'] });
  await stripe.invoices.createPreview({
    customer: customer.id, subscription: subscription.id,
    subscription_details: { items: [{ id: item.id, price: pro.id }], proration_date: JAN_1 + 10 * DAY },
  });
  await stripe.invoices.createPreview({ customer: customer.id, subscription_details: { items: [{ price: proYearly.id }] } });
  await stripe.testHelpers.testClocks.advance(clock.id, { frozen_time: JAN_1 + 10 * DAY });
  await stripe.subscriptions.update(subscription.id, {
    items: [{ id: item.id, price: pro.id }], proration_behavior: 'always_invoice', expand: ['latest_invoice'],
  });
  await stripe.subscriptions.update(subscription.id, { pause_collection: { behavior: 'keep_as_draft' } });
  await stripe.subscriptions.update(subscription.id, { pause_collection: '', cancel_at_period_end: true });
  await stripe.subscriptions.update(subscription.id, { cancel_at_period_end: false });

  const trialing = await stripe.subscriptions.create({
    customer: customer.id, items: [{ price: starter.id }], trial_period_days: 7,
    trial_settings: { end_behavior: { missing_payment_method: 'pause' } },
  });
  await stripe.subscriptions.pause(trialing.id);
  await stripe.subscriptions.resume(trialing.id, { billing_cycle_anchor: { type: 'now' }, expand: ['latest_invoice'] });
  await stripe.subscriptions.cancel(trialing.id, { cancellation_details: { comment: 'conformance' } });

  // A schedule that downgrades at the period end, then released.
  const scheduled = await stripe.subscriptions.create({ customer: customer.id, items: [{ price: pro.id }] });
  const schedule = await stripe.subscriptionSchedules.create({ from_subscription: scheduled.id });
  const phase = schedule.phases[0]!;
  await stripe.subscriptionSchedules.update(schedule.id, {
    end_behavior: 'release',
    phases: [
      { items: [{ price: pro.id, quantity: 1 }], start_date: phase.start_date, end_date: phase.end_date },
      { items: [{ price: starter.id, quantity: 1 }], proration_behavior: 'none' },
    ],
  });
  await stripe.subscriptionSchedules.retrieve(schedule.id, { expand: ['subscription'] });
  await stripe.subscriptionSchedules.list({ customer: customer.id, limit: 1 });

  // Invoice items and one-off invoices through every action.
  const invoiceItem = await stripe.invoiceItems.create({ customer: customer.id, amount: 2500, currency: 'usd', description: 'Setup' });
  await stripe.invoiceItems.create({ customer: customer.id, pricing: { price: oneOff.id }, quantity: 2 });
  await stripe.invoiceItems.update(invoiceItem.id, { description: 'Setup fee', metadata: { kind: 'setup' } });
  await stripe.invoiceItems.retrieve(invoiceItem.id);
  await stripe.invoiceItems.list({ customer: customer.id, pending: true, limit: 1 });
  const draft = await stripe.invoices.create({ customer: customer.id, pending_invoice_items_behavior: 'include', description: 'Setup' });
  await stripe.invoices.update(draft.id, { metadata: { po: '42' }, footer: 'Thanks' });
  await stripe.invoices.listLineItems(draft.id, { limit: 1 });
  await stripe.invoices.finalizeInvoice(draft.id);
  await stripe.invoices.pay(draft.id, { expand: ['customer'] });
  await stripe.invoices.retrieve(draft.id, { expand: ['subscription', 'lines.data.pricing.price_details.price'] });
  const invoices = await stripe.invoices.list({ customer: customer.id, limit: 2 });
  await stripe.invoices.list({ customer: customer.id, limit: 2, starting_after: invoices.data.at(-1)!.id, status: 'paid' });

  // Credit notes on the paid invoice and on an open one; the customer's balance.
  const paidLine = (await stripe.invoices.listLineItems(draft.id, { limit: 1 })).data[0]!;
  await stripe.creditNotes.preview({ invoice: draft.id, amount: 500, credit_amount: 500 });
  await stripe.creditNotes.listPreviewLineItems({
    invoice: draft.id, credit_amount: 300, lines: [{ type: 'custom_line_item', description: 'Goodwill', unit_amount: 300 }], limit: 1,
  });
  const credited = await stripe.creditNotes.create({
    invoice: draft.id, amount: 500, credit_amount: 500, reason: 'product_unsatisfactory', memo: 'Sorry', expand: ['customer_balance_transaction'],
  });
  const refunded = await stripe.creditNotes.create({
    invoice: draft.id, refund_amount: 300, lines: [{ type: 'invoice_line_item', invoice_line_item: paidLine.id, amount: 300 }],
  });
  await stripe.creditNotes.update(credited.id, { metadata: { ticket: '7' } });
  await stripe.creditNotes.retrieve(refunded.id, { expand: ['invoice', 'refunds.refund'] });
  await stripe.creditNotes.listLineItems(refunded.id, { limit: 1 });
  const notes = await stripe.creditNotes.list({ invoice: draft.id, limit: 1 });
  await stripe.creditNotes.list({ customer: customer.id, limit: 1, starting_after: notes.data[0]!.id });
  await stripe.creditNotes.voidCreditNote(credited.id);
  await failure(stripe.creditNotes.voidCreditNote(refunded.id));
  // The invoice was paid by a PaymentIntent: its InvoicePayment names it, and its charge takes a refund directly.
  const payments = await stripe.invoicePayments.list({ invoice: draft.id, expand: ['data.payment.payment_intent'] });
  await stripe.invoicePayments.retrieve(payments.data[0]!.id, { expand: ['invoice'] });
  const intentId = (await stripe.invoicePayments.retrieve(payments.data[0]!.id)).payment.payment_intent as string;
  await stripe.invoicePayments.list({ payment: { type: 'payment_intent', payment_intent: intentId }, status: 'paid', limit: 1 });
  await stripe.refunds.create({ payment_intent: intentId, amount: 100 });
  await failure(stripe.creditNotes.create({ invoice: draft.id, amount: 1_000_000, credit_amount: 1_000_000 }));
  await stripe.invoiceItems.create({ customer: customer.id, amount: 1800, currency: 'usd', description: 'Consulting' });
  const owing = await stripe.invoices.create({ customer: customer.id, pending_invoice_items_behavior: 'include' });
  await failure(stripe.creditNotes.create({ invoice: owing.id, amount: 100 }));
  await stripe.invoices.finalizeInvoice(owing.id, { auto_advance: false });
  await stripe.creditNotes.create({ invoice: owing.id, amount: 800, reason: 'order_change' });
  await stripe.invoices.pay(owing.id);
  const adjustment = await stripe.customers.createBalanceTransaction(customer.id, { amount: -200, currency: 'usd', description: 'Goodwill' });
  await stripe.customers.updateBalanceTransaction(customer.id, adjustment.id, { metadata: { ticket: '8' } });
  await stripe.customers.retrieveBalanceTransaction(customer.id, credited.customer_balance_transaction && typeof credited.customer_balance_transaction !== 'string'
    ? credited.customer_balance_transaction.id : String(credited.customer_balance_transaction), { expand: ['credit_note'] });
  const balanceTransactions = await stripe.customers.listBalanceTransactions(customer.id, { limit: 1 });
  await stripe.customers.listBalanceTransactions(customer.id, { limit: 1, starting_after: balanceTransactions.data[0]!.id });

  const lone = await stripe.invoiceItems.create({ customer: customer.id, amount: 700, currency: 'usd' });
  await stripe.invoiceItems.del(lone.id);
  await stripe.invoiceItems.retrieve(lone.id).catch(() => undefined);
  for (const action of ['void', 'uncollectible', 'send', 'delete'] as const) {
    await stripe.invoiceItems.create({ customer: customer.id, amount: 1200, currency: 'usd', description: action });
    const invoice = await stripe.invoices.create({
      customer: customer.id, pending_invoice_items_behavior: 'include',
      ...(action === 'send' ? { collection_method: 'send_invoice' as const, days_until_due: 14 } : {}),
    });
    if (action === 'delete') {
      await stripe.invoices.del(invoice.id);
      await stripe.invoices.retrieve(invoice.id).catch(() => undefined);
      continue;
    }
    if (action === 'send') {
      await stripe.invoices.sendInvoice(invoice.id);
      continue;
    }
    await stripe.invoices.finalizeInvoice(invoice.id, { auto_advance: false });
    if (action === 'void') await stripe.invoices.voidInvoice(invoice.id);
    else await stripe.invoices.markUncollectible(invoice.id);
  }

  // Time passes: renewals on the clock.
  await stripe.testHelpers.testClocks.advance(clock.id, { frozen_time: JAN_1 + 40 * DAY });
  await stripe.testHelpers.testClocks.list({ limit: 1 });
  await stripe.subscriptionSchedules.release(schedule.id);

  // A card that declines: the app's dunning path.
  const failing = await stripe.customers.create({ email: 'bob@example.com', test_clock: clock.id });
  const declining = await stripe.paymentMethods.attach('pm_card_chargeCustomerFail', { customer: failing.id });
  await stripe.customers.update(failing.id, { invoice_settings: { default_payment_method: declining.id } });
  const pastDue = await stripe.subscriptions.create({
    customer: failing.id, items: [{ price: starter.id }], payment_behavior: 'allow_incomplete', expand: ['latest_invoice'],
  });
  await failure(stripe.invoices.pay(pastDue.latest_invoice && typeof pastDue.latest_invoice !== 'string' ? pastDue.latest_invoice.id : String(pastDue.latest_invoice)));
  await stripe.subscriptions.update(pastDue.id, {
    items: [{ id: pastDue.items.data[0]!.id, price: pro.id }], payment_behavior: 'pending_if_incomplete', proration_behavior: 'always_invoice',
  }).catch(() => undefined);
  await stripe.subscriptions.retrieve(pastDue.id);

  // Checkout and the customer portal.
  const checkout = await stripe.checkout.sessions.create({
    mode: 'subscription', line_items: [{ price: pro.id, quantity: 1 }], customer_email: 'cy@example.com', client_reference_id: 'user_1',
    success_url: 'https://app.example/billing?session={CHECKOUT_SESSION_ID}', cancel_url: 'https://app.example/billing',
    subscription_data: { trial_period_days: 14 },
  });
  await postForm(`${checkout.url!}/complete`, { card: 'pm_card_visa' });
  await stripe.checkout.sessions.retrieve(checkout.id, { expand: ['subscription', 'customer'] });
  const setup = await stripe.checkout.sessions.create({
    mode: 'setup', customer: customer.id, currency: 'usd', success_url: 'https://app.example/done', cancel_url: 'https://app.example/billing',
  });
  await stripe.checkout.sessions.expire(setup.id);
  const sessions = await stripe.checkout.sessions.list({ limit: 1 });
  await stripe.checkout.sessions.list({ limit: 1, starting_after: sessions.data[0]!.id });
  const portal = await stripe.billingPortal.sessions.create({ customer: customer.id, return_url: 'https://app.example/billing' });
  await stripe.billingPortal.sessions.create({
    customer: failing.id, return_url: 'https://app.example/billing',
    flow_data: { type: 'payment_method_update', after_completion: { type: 'redirect', redirect: { return_url: 'https://app.example/done' } } },
  });
  await postForm(`${portal.url}/payment_method`, { card: 'pm_card_visa' });

  // One-off payments and saved cards: PaymentIntents, SetupIntents and their charges.
  await runPaymentsFlow(stripe, customer.id);

  // Coupons and promotion codes on subscriptions, previews and Checkout.
  await runDiscountsFlow(stripe, { clock, proProduct, starter, pro, proYearly });

  // Errors as an app meets them.
  await failure(stripe.customers.retrieve('cus_missing'));
  await failure(stripe.subscriptions.create({ items: [{ price: starter.id }] } as Stripe.SubscriptionCreateParams));
  await failure(stripe.subscriptions.create({ customer: customer.id, items: [{ price: 'price_missing' }] }));
  await failure(stripe.customers.create({ colour: 'blue' } as Stripe.CustomerCreateParams));
  await failure(stripe.customers.list({ limit: 500 }));
  await failure(stripe.rawRequest('GET', '/v1/nowhere', {}));
  await stripe.customers.create({ email: 'idem@example.com' }, { idempotencyKey: 'conformance-key' });
  await stripe.customers.create({ email: 'idem@example.com' }, { idempotencyKey: 'conformance-key' });
  await failure(stripe.customers.create({ email: 'other@example.com' }, { idempotencyKey: 'conformance-key' }));
  await failure(stripe.testHelpers.testClocks.advance(clock.id, { frozen_time: JAN_1 }));

  // The end of the clock, then events, every page of them.
  await stripe.customers.del(failing.id);
  await stripe.customers.retrieve(failing.id);
  await stripe.testHelpers.testClocks.del(clock.id);
  await failure(stripe.testHelpers.testClocks.retrieve(clock.id));
  const events = await everyPage((startingAfter) => stripe.events.list({ limit: 100, ...(startingAfter ? { starting_after: startingAfter } : {}) }));
  await stripe.events.retrieve(events[0]!.id);
  await stripe.events.list({ type: 'customer.subscription.*', limit: 3 });
  await stripe.events.list({ types: ['invoice.paid', 'invoice.payment_failed'], limit: 3 });
}
