import type Stripe from 'stripe';
import type { Ctx } from '../types.js';
import { newId } from '../core/ids.js';
import { buildCharge } from '../objects/charge.js';
import { buildPaymentIntent } from '../objects/payment-intent.js';

/**
 * Charges an invoice's amount due to a card that pays, as Stripe does: a PaymentIntent confirmed off session, its
 * succeeded charge, and the invoice's InvoicePayment naming the intent, so the payment can be refunded later
 * (by `refunds.create` or a credit note's `refund_amount`).
 */
export function chargeInvoice(ctx: Ctx, invoice: Stripe.Invoice, paymentMethodId: string, now: number): Stripe.InvoicePayment {
  const paymentMethod = ctx.state.payment_methods[paymentMethodId]!;
  const intent = buildPaymentIntent({
    amount: invoice.amount_due, currency: invoice.currency, customer: invoice.customer as string, created: now,
    methods: { automatic: null, types: ['card'] }, captureMethod: 'automatic', confirmationMethod: 'automatic',
    description: invoice.description ?? (invoice.billing_reason === 'subscription_create' ? 'Subscription creation' : invoice.billing_reason?.startsWith('subscription') ? 'Subscription update' : null),
    metadata: {},
  });
  intent.payment_method = paymentMethod.id;
  ctx.state.payment_intents[intent.id] = intent;
  ctx.emit('payment_intent.created', intent, now);
  const charge = buildCharge({ paymentIntent: intent, paymentMethod, succeeded: true, authenticated: false, created: now });
  ctx.state.charges[charge.id] = charge;
  intent.latest_charge = charge.id;
  intent.status = 'succeeded';
  intent.amount_received = intent.amount;
  ctx.emit('charge.succeeded', charge, now);
  ctx.emit('payment_intent.succeeded', intent, now);
  const payment: Stripe.InvoicePayment = {
    id: newId('inpay'),
    object: 'invoice_payment',
    amount_paid: invoice.amount_due,
    amount_requested: invoice.amount_due,
    created: now,
    currency: invoice.currency,
    invoice: invoice.id,
    is_default: true,
    livemode: false,
    payment: { payment_intent: intent.id, type: 'payment_intent' },
    status: 'paid',
    status_transitions: { canceled_at: null, paid_at: now },
  };
  ctx.state.invoice_payments[payment.id] = payment;
  ctx.emit('invoice_payment.paid', payment, now);
  return payment;
}

/** The succeeded charge that paid an invoice, if a card paid it. */
export function chargeOfInvoice(ctx: Ctx, invoiceId: string): Stripe.Charge | null {
  const payment = Object.values(ctx.state.invoice_payments).find((candidate) => candidate.invoice === invoiceId && candidate.status === 'paid');
  const intent = payment?.payment.payment_intent ? ctx.state.payment_intents[payment.payment.payment_intent as string] : undefined;
  const charge = intent?.latest_charge ? ctx.state.charges[intent.latest_charge as string] : undefined;
  return charge?.paid ? charge : null;
}
