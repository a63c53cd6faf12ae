import Stripe from 'stripe';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPlans, customerWithCard, launch, type Harness } from './helpers';

describe('invoice payments: a paid invoice’s PaymentIntent, charge and refunds', () => {
  let harness: Harness;
  let stripe: Stripe;
  beforeEach(async () => {
    harness = await launch();
    stripe = harness.stripe;
  });
  afterEach(async () => harness.emulator.close());

  async function paidSubscriptionInvoice(): Promise<{ invoice: Stripe.Invoice; payment: Stripe.InvoicePayment }> {
    const customer = await customerWithCard(stripe);
    const { starter } = await createPlans(stripe);
    const subscription = await stripe.subscriptions.create({ customer: customer.id, items: [{ price: starter.id }] });
    const invoice = await stripe.invoices.retrieve(subscription.latest_invoice as string);
    const payments = await stripe.invoicePayments.list({ invoice: invoice.id });
    return { invoice, payment: payments.data[0]! };
  }

  it('pays a subscription invoice with a succeeded PaymentIntent and charge, named by the invoice’s InvoicePayment', async () => {
    const { invoice, payment } = await paidSubscriptionInvoice();
    expect(invoice).toMatchObject({ status: 'paid', amount_paid: invoice.total });
    expect(payment).toMatchObject({
      object: 'invoice_payment', invoice: invoice.id, status: 'paid', is_default: true, amount_paid: invoice.amount_due,
      payment: { type: 'payment_intent', payment_intent: expect.stringMatching(/^pi_/) },
    });
    const intent = await stripe.paymentIntents.retrieve(payment.payment.payment_intent as string, { expand: ['latest_charge'] });
    expect(intent).toMatchObject({ status: 'succeeded', amount: invoice.amount_due, amount_received: invoice.amount_due, customer: invoice.customer, description: 'Subscription creation' });
    expect(intent.latest_charge).toMatchObject({ paid: true, captured: true, amount: invoice.amount_due, payment_intent: intent.id });
    const byIntent = await stripe.invoicePayments.list({ payment: { type: 'payment_intent', payment_intent: intent.id } });
    expect(byIntent.data.map((entry) => entry.id)).toEqual([payment.id]);
    const paidEvent = (await stripe.events.list({ type: 'invoice_payment.paid' })).data[0]!;
    expect(paidEvent.data.object).toMatchObject({ id: payment.id, invoice: invoice.id });
  });

  it('refunds part of a paid invoice with refunds.create, then caps a credit note’s refund at what the charge has left', async () => {
    const { invoice, payment } = await paidSubscriptionInvoice();
    const refund = await stripe.refunds.create({ payment_intent: payment.payment.payment_intent as string, amount: 700 });
    expect(refund).toMatchObject({ status: 'succeeded', amount: 700, charge: expect.stringMatching(/^ch_/) });
    const refundedEvent = (await stripe.events.list({ type: 'charge.refunded' })).data[0]!;
    expect(refundedEvent.data.object).toMatchObject({ id: refund.charge, amount_refunded: 700, refunded: false, payment_intent: payment.payment.payment_intent });
    const left = invoice.amount_paid - 700;
    await expect(stripe.creditNotes.create({ invoice: invoice.id, amount: left + 1, refund_amount: left + 1 }))
      .rejects.toMatchObject({ statusCode: 400, code: 'amount_too_large', param: 'refund_amount' });
    const note = await stripe.creditNotes.create({ invoice: invoice.id, amount: 200, refund_amount: 200 });
    const noteRefund = await stripe.refunds.retrieve(note.refunds[0]!.refund as string);
    expect(noteRefund).toMatchObject({ amount: 200, charge: refund.charge, payment_intent: payment.payment.payment_intent });
    expect(await stripe.charges.retrieve(refund.charge as string)).toMatchObject({ amount_refunded: 900 });
  });

  it('makes no PaymentIntent for an invoice that costs nothing', async () => {
    const customer = await customerWithCard(stripe);
    const free = await stripe.prices.create({ currency: 'usd', unit_amount: 0, recurring: { interval: 'month' }, product_data: { name: 'Free' } });
    const subscription = await stripe.subscriptions.create({ customer: customer.id, items: [{ price: free.id }] });
    expect((await stripe.invoicePayments.list({ invoice: subscription.latest_invoice as string })).data).toEqual([]);
  });
});
