import type Stripe from 'stripe';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPlans, customerWithCard, launch, type Harness, type Plans } from './helpers';

describe('charging subscriptions', () => {
  let harness: Harness;
  let stripe: Stripe;
  let plans: Plans;

  beforeEach(async () => {
    harness = await launch();
    stripe = harness.stripe;
    plans = await createPlans(stripe);
  });
  afterEach(async () => harness.emulator.close());

  it('activates a subscription whose first invoice a visa card pays', async () => {
    const customer = await customerWithCard(stripe, 'pm_card_visa');
    const subscription = await stripe.subscriptions.create({
      customer: customer.id, items: [{ price: plans.pro.id }], expand: ['latest_invoice'],
    });
    const invoice = subscription.latest_invoice as Stripe.Invoice;
    expect(subscription.status).toBe('active');
    expect(invoice).toMatchObject({ status: 'paid', billing_reason: 'subscription_create', total: 3000, amount_due: 3000, amount_paid: 3000, amount_remaining: 0, attempt_count: 1, attempted: true });
    expect(invoice.number).toMatch(/^[A-Z0-9]{8}-0001$/);
    expect(invoice.status_transitions.paid_at).not.toBeNull();
    expect(invoice.lines.data[0]!.description).toBe('1 × Pro (at $30.00 / month)');
    const page = await fetch(invoice.hosted_invoice_url!);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(invoice.number!);
    const pdf = await fetch(invoice.invoice_pdf!);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const document = await pdf.text();
    expect(document.startsWith('%PDF-1.4')).toBe(true);
    expect(document).toContain(`(Invoice ${invoice.number})`);
    expect(document).toContain('(Total: $30.00 USD)');
    // The cross-reference table points at each object, as a PDF reader needs.
    const xrefAt = Number(/startxref\n(\d+)/.exec(document)![1]);
    expect(document.slice(xrefAt, xrefAt + 4)).toBe('xref');
    for (const [index, offset] of [...document.matchAll(/^(\d{10}) 00000 n $/gm)].entries()) {
      expect(document.slice(Number(offset[1]), Number(offset[1]) + 7)).toBe(`${index + 1} 0 obj`);
    }
    const types = (await stripe.events.list({ limit: 100 })).data.map((event) => event.type);
    expect(types).toEqual(expect.arrayContaining(['customer.subscription.created', 'invoice.created', 'invoice.finalized', 'invoice.paid', 'invoice.payment_succeeded']));
  });

  it('leaves the subscription incomplete and the invoice open when pm_card_chargeCustomerFail is declined', async () => {
    const customer = await customerWithCard(stripe, 'pm_card_chargeCustomerFail');
    const [card] = (await stripe.customers.listPaymentMethods(customer.id)).data;
    expect(card?.card?.last4).toBe('0341');
    const subscription = await stripe.subscriptions.create({ customer: customer.id, items: [{ price: plans.pro.id }] });
    expect(subscription.status).toBe('incomplete');
    const invoice = await stripe.invoices.retrieve(subscription.latest_invoice as string);
    expect(invoice).toMatchObject({ status: 'open', amount_due: 3000, amount_paid: 0, attempt_count: 1, attempted: true });
    const failures = await stripe.events.list({ type: 'invoice.payment_failed' });
    expect(failures.data).toHaveLength(1);

    // Paying it with a working card activates the subscription.
    const visa = await stripe.paymentMethods.attach('pm_card_visa', { customer: customer.id });
    const paid = await stripe.invoices.pay(invoice.id, { payment_method: visa.id });
    expect(paid).toMatchObject({ status: 'paid', amount_paid: 3000, attempt_count: 2 });
    expect((await stripe.subscriptions.retrieve(subscription.id)).status).toBe('active');
  });

  it('surfaces a declined retry as a StripeCardError with card_declined', async () => {
    const customer = await customerWithCard(stripe, 'pm_card_chargeCustomerFail');
    const subscription = await stripe.subscriptions.create({ customer: customer.id, items: [{ price: plans.pro.id }] });
    const error = await stripe.invoices.pay(subscription.latest_invoice as string).catch((e: unknown) => e);
    expect(error).toMatchObject({ type: 'StripeCardError', code: 'card_declined', statusCode: 402 });
    expect((await stripe.invoices.retrieve(subscription.latest_invoice as string)).attempt_count).toBe(2);
  });

  it('refuses with 402 and creates nothing under payment_behavior=error_if_incomplete', async () => {
    const customer = await customerWithCard(stripe, 'pm_card_chargeCustomerFail');
    const error = await stripe.subscriptions
      .create({ customer: customer.id, items: [{ price: plans.pro.id }], payment_behavior: 'error_if_incomplete' })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ type: 'StripeCardError', code: 'card_declined' });
    expect((await stripe.subscriptions.list({ customer: customer.id, status: 'all' })).data).toHaveLength(0);
  });

  it('makes an existing subscription past_due when an upgrade invoice fails', async () => {
    const customer = await customerWithCard(stripe, 'pm_card_visa');
    const subscription = await stripe.subscriptions.create({ customer: customer.id, items: [{ price: plans.starter.id }] });
    const failing = await stripe.paymentMethods.attach('pm_card_chargeCustomerFail', { customer: customer.id });
    const updated = await stripe.subscriptions.update(subscription.id, {
      items: [{ id: subscription.items.data[0]!.id, price: plans.pro.id }],
      proration_behavior: 'always_invoice',
      default_payment_method: failing.id,
    });
    expect(updated.status).toBe('past_due');
    const invoice = await stripe.invoices.retrieve(updated.latest_invoice as string);
    expect(invoice.status).toBe('open');
    expect(invoice.next_payment_attempt).not.toBeNull();
    expect((await stripe.customers.retrieve(customer.id)) as Stripe.Customer).toMatchObject({ delinquent: true });
  });

  it('pays a $0 trial invoice without charging and starts trialing', async () => {
    const customer = await stripe.customers.create({ email: 'trial@example.com' });
    const subscription = await stripe.subscriptions.create({
      customer: customer.id, items: [{ price: plans.pro.id }], trial_period_days: 14, expand: ['latest_invoice'],
    });
    expect(subscription.status).toBe('trialing');
    expect(subscription.trial_end! - subscription.trial_start!).toBe(14 * 86_400);
    expect(subscription.latest_invoice).toMatchObject({ status: 'paid', total: 0, attempt_count: 0 });
  });
});
