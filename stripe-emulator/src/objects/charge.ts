import type Stripe from 'stripe';
import { newId } from '../core/ids.js';

export interface ChargeInput {
  paymentIntent: Stripe.PaymentIntent;
  paymentMethod: Stripe.PaymentMethod;
  succeeded: boolean;
  /** Whether the cardholder authenticated with 3D Secure for this charge. */
  authenticated: boolean;
  created: number;
}

/** The charge a PaymentIntent's confirmation makes: paid (captured or held) or failed with a decline. */
export function buildCharge({ paymentIntent, paymentMethod, succeeded, authenticated, created }: ChargeInput): Stripe.Charge {
  const card = paymentMethod.card as Stripe.PaymentMethod.Card;
  const captured = succeeded && paymentIntent.capture_method !== 'manual';
  return {
    id: newId('ch'),
    object: 'charge',
    amount: paymentIntent.amount,
    amount_captured: captured ? paymentIntent.amount : 0,
    amount_refunded: 0,
    application: null,
    application_fee: null,
    application_fee_amount: null,
    balance_transaction: null,
    billing_details: { ...paymentMethod.billing_details },
    calculated_statement_descriptor: 'STRIPE EMULATOR',
    captured,
    created,
    currency: paymentIntent.currency,
    customer: paymentIntent.customer,
    description: paymentIntent.description,
    disputed: false,
    failure_balance_transaction: null,
    failure_code: succeeded ? null : 'card_declined',
    failure_message: succeeded ? null : 'Your card was declined.',
    fraud_details: {},
    livemode: false,
    metadata: { ...paymentIntent.metadata },
    on_behalf_of: null,
    outcome: {
      advice_code: null,
      network_advice_code: null,
      network_decline_code: null,
      network_status: succeeded ? 'approved_by_network' : 'declined_by_network',
      reason: succeeded ? null : 'generic_decline',
      risk_level: 'normal',
      seller_message: succeeded ? 'Payment complete.' : 'The bank did not return any further details with this decline.',
      type: succeeded ? 'authorized' : 'issuer_declined',
    },
    paid: succeeded,
    payment_intent: paymentIntent.id,
    payment_method: paymentMethod.id,
    payment_method_details: {
      card: {
        amount_authorized: succeeded ? paymentIntent.amount : null,
        authorization_code: succeeded ? '123456' : null,
        brand: card.brand,
        checks: { ...card.checks } as Stripe.Charge.PaymentMethodDetails.Card.Checks,
        country: card.country,
        electronic_commerce_indicator: authenticated ? '05' : null,
        exp_month: card.exp_month,
        exp_year: card.exp_year,
        fingerprint: card.fingerprint,
        funding: card.funding,
        installments: null,
        last4: card.last4,
        mandate: null,
        network: card.brand,
        network_transaction_id: succeeded ? '1234567890123456' : null,
        regulated_status: card.regulated_status,
        three_d_secure: authenticated
          ? {
              authentication_flow: 'challenge', electronic_commerce_indicator: '05', exemption_indicator: null,
              result: 'authenticated', result_reason: null, transaction_id: null, version: '2.2.0',
            }
          : null,
        transaction_link_id: null,
        wallet: null,
      },
      type: 'card',
    },
    receipt_email: paymentIntent.receipt_email,
    receipt_number: null,
    receipt_url: null,
    refunded: false,
    review: null,
    shipping: null,
    source: null,
    source_transfer: null,
    statement_descriptor: null,
    statement_descriptor_suffix: null,
    status: succeeded ? 'succeeded' : 'failed',
    transfer_data: null,
    transfer_group: null,
  };
}
