import { afterEach, describe, expect, it } from 'vitest';
import { createPlans, customerWithCard, launch, type Harness } from './helpers';

// Top-level keys of Stripe's published fixtures (stripe/openapi fixtures3.json), copied here so
// the suite runs without the fixture file. The fixtures predate API 2026-10-28: `invoice.subscription`,
// which that version no longer has (test/conformance.test.ts holds responses to it), is left out.
const FIXTURE_KEYS = {
  product: ['active', 'created', 'default_price', 'description', 'id', 'images', 'livemode', 'marketing_features', 'metadata', 'name', 'object', 'package_dimensions', 'shippable', 'statement_descriptor', 'tax_code', 'type', 'unit_label', 'updated', 'url'],
  price: ['active', 'billing_scheme', 'created', 'currency', 'custom_unit_amount', 'id', 'livemode', 'lookup_key', 'metadata', 'nickname', 'object', 'product', 'recurring', 'tax_behavior', 'tiers_mode', 'transform_quantity', 'type', 'unit_amount', 'unit_amount_decimal'],
  customer: ['address', 'balance', 'created', 'currency', 'default_source', 'delinquent', 'description', 'discount', 'email', 'id', 'invoice_prefix', 'invoice_settings', 'livemode', 'metadata', 'name', 'next_invoice_sequence', 'object', 'phone', 'preferred_locales', 'shipping', 'tax_exempt', 'test_clock'],
  payment_method: ['allow_redisplay', 'billing_details', 'card', 'created', 'customer', 'customer_account', 'id', 'livemode', 'metadata', 'object', 'type'],
  subscription: ['application', 'application_fee_percent', 'automatic_tax', 'billing_cycle_anchor', 'billing_cycle_anchor_config', 'billing_mode', 'billing_schedules', 'billing_thresholds', 'cancel_at', 'cancel_at_period_end', 'canceled_at', 'cancellation_details', 'collection_method', 'created', 'currency', 'customer', 'customer_account', 'days_until_due', 'default_payment_method', 'default_source', 'default_tax_rates', 'description', 'discounts', 'ended_at', 'id', 'invoice_settings', 'items', 'latest_invoice', 'livemode', 'managed_payments', 'metadata', 'next_pending_invoice_item_invoice', 'object', 'on_behalf_of', 'pause_collection', 'payment_settings', 'pending_invoice_item_interval', 'pending_setup_intent', 'pending_update', 'schedule', 'start_date', 'status', 'test_clock', 'transfer_data', 'trial_end', 'trial_settings', 'trial_start'],
  subscription_item: ['billing_thresholds', 'created', 'current_period_end', 'current_period_start', 'discounts', 'id', 'metadata', 'object', 'plan', 'price', 'quantity', 'subscription', 'tax_rates'],
  invoice: ['account_country', 'account_name', 'account_tax_ids', 'amount_due', 'amount_overpaid', 'amount_paid', 'amount_remaining', 'amount_shipping', 'application', 'attempt_count', 'attempted', 'auto_advance', 'automatic_tax', 'automatically_finalizes_at', 'billing_reason', 'collection_method', 'created', 'currency', 'custom_fields', 'customer', 'customer_account', 'customer_address', 'customer_email', 'customer_name', 'customer_phone', 'customer_shipping', 'customer_tax_exempt', 'customer_tax_ids', 'default_payment_method', 'default_source', 'default_tax_rates', 'description', 'discounts', 'due_date', 'effective_at', 'ending_balance', 'footer', 'from_invoice', 'hosted_invoice_url', 'id', 'invoice_pdf', 'issuer', 'last_finalization_error', 'latest_revision', 'lines', 'livemode', 'metadata', 'next_payment_attempt', 'number', 'object', 'on_behalf_of', 'parent', 'payment_settings', 'period_end', 'period_start', 'post_payment_credit_notes_amount', 'pre_payment_credit_notes_amount', 'receipt_number', 'rendering', 'shipping_cost', 'shipping_details', 'starting_balance', 'statement_descriptor', 'status', 'status_transitions', 'subtotal', 'subtotal_excluding_tax', 'test_clock', 'total', 'total_discount_amounts', 'total_excluding_tax', 'total_pretax_credit_amounts', 'total_taxes', 'webhooks_delivered_at'],
  line_item: ['amount', 'currency', 'description', 'discount_amounts', 'discountable', 'discounts', 'id', 'invoice', 'livemode', 'metadata', 'object', 'parent', 'period', 'pretax_credit_amounts', 'pricing', 'quantity', 'quantity_decimal', 'subscription', 'subtotal', 'taxes'],
  event: ['api_version', 'created', 'data', 'id', 'livemode', 'object', 'pending_webhooks', 'request', 'type'],
  test_clock: ['created', 'deletes_after', 'frozen_time', 'id', 'livemode', 'name', 'object', 'status', 'status_details'],
};

function expectFixtureKeys(object: object, resource: keyof typeof FIXTURE_KEYS): void {
  const missing = FIXTURE_KEYS[resource].filter((key) => !(key in object));
  expect(missing, `${resource} lacks fixture keys`).toEqual([]);
}

describe('object shapes', () => {
  let harness: Harness;
  afterEach(async () => harness.emulator.close());

  it('serves every resource with the keys of Stripe’s fixtures and the current API layout', async () => {
    harness = await launch();
    const { stripe } = harness;
    const clock = await stripe.testHelpers.testClocks.create({ frozen_time: 1_790_000_000 });
    const plans = await createPlans(stripe);
    const product = await stripe.products.retrieve(plans.starter.product as string);
    const customer = await customerWithCard(stripe, 'pm_card_visa', { test_clock: clock.id });
    const paymentMethods = await stripe.paymentMethods.list({ customer: customer.id });
    const subscription = await stripe.subscriptions.create({ customer: customer.id, items: [{ price: plans.starter.id }] });
    const invoice = await stripe.invoices.retrieve(subscription.latest_invoice as string);
    const events = await stripe.events.list({ limit: 1 });

    expectFixtureKeys(product, 'product');
    expectFixtureKeys(plans.starter, 'price');
    expectFixtureKeys(customer, 'customer');
    expectFixtureKeys(paymentMethods.data[0]!, 'payment_method');
    expectFixtureKeys(subscription, 'subscription');
    expectFixtureKeys(subscription.items.data[0]!, 'subscription_item');
    expectFixtureKeys(invoice, 'invoice');
    expectFixtureKeys(invoice.lines.data[0]!, 'line_item');
    expectFixtureKeys(events.data[0]!, 'event');
    expectFixtureKeys(clock, 'test_clock');

    const item = subscription.items.data[0]!;
    expect(item.current_period_start).toBe(1_790_000_000);
    expect(item.current_period_end).toBeGreaterThan(item.current_period_start);
    expect(invoice.parent?.subscription_details?.subscription).toBe(subscription.id);
    const line = invoice.lines.data[0]!;
    expect(line.pricing?.price_details?.price).toBe(plans.starter.id);
    expect(line.parent?.subscription_item_details?.proration).toBe(false);
    expect(line.parent?.subscription_item_details?.subscription_item).toBe(item.id);
    expect(paymentMethods.data[0]!.card).toMatchObject({ brand: 'visa', last4: '4242' });
    expect(events.data[0]!.api_version).toBe('2026-10-28.endive');
    expect(subscription.id).toMatch(/^sub_/);
    expect(item.id).toMatch(/^si_/);
    expect(invoice.id).toMatch(/^in_/);
    expect(line.id).toMatch(/^il_/);
    expect(clock.id).toMatch(/^clock_/);
  });
});
