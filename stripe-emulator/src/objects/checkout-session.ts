import type Stripe from 'stripe';
import { newId } from '../core/ids.js';

export interface NewCheckoutSession {
  mode: 'subscription' | 'setup';
  created: number;
  expiresAt: number;
  baseUrl: string;
  customer: Stripe.Customer | null;
  customerEmail: string | null;
  clientReferenceId: string | null;
  successUrl: string | null;
  cancelUrl: string | null;
  currency: string | null;
  amount: number | null;
  metadata: Stripe.Metadata;
}

export function buildCheckoutSession(input: NewCheckoutSession): Stripe.Checkout.Session {
  const id = newId('cs_test');
  const subscription = input.mode === 'subscription';
  return {
    id,
    object: 'checkout.session',
    adaptive_pricing: null,
    after_expiration: null,
    allow_promotion_codes: null,
    allowed_payment_method_types: null,
    amount_subtotal: input.amount,
    amount_total: input.amount,
    automatic_tax: { enabled: false, liability: null, provider: null, status: null },
    billing_address_collection: null,
    cancel_url: input.cancelUrl,
    client_reference_id: input.clientReferenceId,
    client_secret: null,
    collected_information: null,
    consent: null,
    consent_collection: null,
    created: input.created,
    currency: input.currency,
    currency_conversion: null,
    custom_fields: [],
    custom_text: { after_submit: null, shipping_address: null, submit: null, terms_of_service_acceptance: null },
    customer: input.customer?.id ?? null,
    customer_account: null,
    customer_creation: input.customer ? null : 'always',
    customer_details: input.customer || input.customerEmail
      ? { address: null, business_name: null, email: input.customer?.email ?? input.customerEmail, individual_name: null, name: input.customer?.name ?? null, phone: null, tax_exempt: 'none', tax_ids: [] }
      : null,
    customer_email: input.customerEmail,
    discounts: [],
    expires_at: input.expiresAt,
    integration_identifier: null,
    invoice: null,
    invoice_creation: null,
    livemode: false,
    locale: null,
    managed_payments: null,
    metadata: input.metadata,
    mode: input.mode,
    origin_context: null,
    payment_intent: null,
    payment_link: null,
    payment_method_collection: subscription ? 'always' : null,
    payment_method_configuration_details: null,
    payment_method_options: {},
    payment_method_types: ['card'],
    payment_status: subscription ? 'unpaid' : 'no_payment_required',
    permissions: null,
    recovered_from: null,
    saved_payment_method_options: null,
    setup_intent: null,
    shipping_address_collection: null,
    shipping_cost: null,
    shipping_options: [],
    status: 'open',
    submit_type: null,
    subscription: null,
    success_url: input.successUrl,
    total_details: subscription ? { amount_discount: 0, amount_shipping: 0, amount_tax: 0 } : null,
    ui_mode: 'hosted_page',
    url: `${input.baseUrl}/_emulator/checkout/${id}`,
    wallet_options: null,
  };
}
