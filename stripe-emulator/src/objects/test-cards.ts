import type Stripe from 'stripe';
import type { CardOutcome } from '../types.js';
import { newId } from '../core/ids.js';

export interface TestCard {
  brand: string;
  last4: string;
  fingerprint: string;
  /** What charging it does; `attach_fails` cards are declined when attached. */
  outcome: CardOutcome;
}

/** Stripe's test payment method tokens (https://docs.stripe.com/testing). */
export const TEST_CARDS: Record<string, TestCard> = {
  pm_card_visa: { brand: 'visa', last4: '4242', fingerprint: 'Xt5EWLLDS7FJjR1c', outcome: 'succeed' },
  pm_card_mastercard: { brand: 'mastercard', last4: '4444', fingerprint: 'Rd4h0yQJxL2Kcuz6', outcome: 'succeed' },
  pm_card_amex: { brand: 'amex', last4: '8431', fingerprint: 'Qp2Lr8sWm5TnYv3c', outcome: 'succeed' },
  pm_card_chargeCustomerFail: { brand: 'visa', last4: '0341', fingerprint: 'Ng7Kd2PzV9bWq4Ht', outcome: 'decline' },
  pm_card_chargeDeclined: { brand: 'visa', last4: '0002', fingerprint: 'Hc3Vn8QsL1mZx6Pd', outcome: 'attach_fails' },
  pm_card_visa_chargeDeclined: { brand: 'visa', last4: '0002', fingerprint: 'Hc3Vn8QsL1mZx6Pd', outcome: 'attach_fails' },
  pm_card_threeDSecure2Required: { brand: 'visa', last4: '3220', fingerprint: 'Tb6Wm1RcK8vYp3Jd', outcome: 'authenticate' },
  pm_card_authenticationRequired: { brand: 'visa', last4: '3184', fingerprint: 'Lf9Qs4HxD2nUa7Ce', outcome: 'authenticate' },
};

export function buildCard(card: TestCard, created: number): Stripe.PaymentMethod {
  const expYear = new Date(created * 1000).getUTCFullYear() + 3;
  return {
    id: newId('pm'),
    object: 'payment_method',
    allow_redisplay: 'unspecified',
    billing_details: { address: null, email: null, name: null, phone: null, tax_id: null },
    card: {
      brand: card.brand,
      checks: { address_line1_check: null, address_postal_code_check: null, cvc_check: 'pass' },
      country: 'US',
      display_brand: card.brand,
      exp_month: 12,
      exp_year: expYear,
      fingerprint: card.fingerprint,
      funding: 'credit',
      generated_from: null,
      last4: card.last4,
      networks: { available: [card.brand], preferred: null },
      regulated_status: 'unregulated',
      three_d_secure_usage: { supported: true },
      wallet: null,
    },
    created,
    customer: null,
    customer_account: null,
    livemode: false,
    metadata: {},
    type: 'card',
  };
}

/** Card tokens, as `POST /v1/payment_methods` takes them in `card[token]`. */
export const TEST_TOKENS: Record<string, TestCard> = {
  tok_visa: TEST_CARDS.pm_card_visa as TestCard,
  tok_mastercard: TEST_CARDS.pm_card_mastercard as TestCard,
  tok_amex: TEST_CARDS.pm_card_amex as TestCard,
  tok_chargeCustomerFail: TEST_CARDS.pm_card_chargeCustomerFail as TestCard,
  tok_chargeDeclined: TEST_CARDS.pm_card_chargeDeclined as TestCard,
  tok_threeDSecure2Required: TEST_CARDS.pm_card_threeDSecure2Required as TestCard,
  tok_authenticationRequired: TEST_CARDS.pm_card_authenticationRequired as TestCard,
};
