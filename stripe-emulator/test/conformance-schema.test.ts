import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkBody, SCHEMA } from './conformance/validate';

const FIXTURES = new URL('../../../shared/stripe-fixtures/fixtures3.json', import.meta.url);

/**
 * Where Stripe's fixtures (stripe/openapi, 2026-08-21) and the SDK's definition (API 2026-10-28)
 * disagree: fields added or removed between the two versions, and the fixtures' `obj_123`
 * placeholders for objects the emulator does not serve.
 */
const FIXTURE_DRIFT = [
  'billing_portal.session.flow.customer_update: is missing (Stripe always sends it)',
  'billing_portal.session.flow.subscription_pause: is missing (Stripe always sends it)',
  'charge.payment_method_details.card.electronic_commerce_indicator: is missing (Stripe always sends it)',
  'charge.source: placeholder',
  'charge.transfer_data.destination: placeholder',
  'checkout.session.allowed_payment_method_types: is missing (Stripe always sends it)',
  'credit_note_line_item.tax_rates[]: is an expanded tax_rate object (a Stripe object the emulator does not serve)',
  'invoice.subscription: is a field Stripe does not have',
  'payment_intent.allowed_payment_method_types: is missing (Stripe always sends it)',
  'payment_intent.payment_record: is missing (Stripe always sends it)',
  'payment_intent.transfer_data.destination: placeholder',
  'plan.aggregate_usage: is a field Stripe does not have',
  'product.tax_details: is missing (Stripe always sends it)',
  'setup_intent.allowed_payment_method_types: is missing (Stripe always sends it)',
  'subscription.cancellation_details.feedback_option: is missing (Stripe always sends it)',
  'subscription.pending_update.cancel_at_period_end: is missing (Stripe always sends it)',
  'subscription.transfer_data.destination: placeholder',
  'subscription.trial_settings.end_behavior.billing_cycle_anchor: is missing (Stripe always sends it)',
  'subscription_item.current_trial: is missing (Stripe always sends it)',
  'subscription_schedule.default_settings.transfer_data.destination: placeholder',
  'subscription_schedule.pause_schedules: is missing (Stripe always sends it)',
  'subscription_schedule.phases[].transfer_data.destination: placeholder',
];

const customer = {
  id: 'cus_1', object: 'customer', balance: 0, created: 1, default_source: null, description: null, email: null,
  invoice_prefix: 'ABC', invoice_settings: { custom_fields: null, default_payment_method: null, footer: null, rendering_options: null },
  livemode: false, metadata: {}, name: null, next_invoice_sequence: 1, phone: null, preferred_locales: [], shipping: null, tax_exempt: 'none', test_clock: null,
};
const messages = (body: unknown): string[] => checkBody(body).map((violation) => `${violation.key}: ${violation.message}`);

describe('the conformance schema and its checker', () => {
  it(`is generated from stripe@${SCHEMA['x-source'].version} for API ${SCHEMA['x-source'].apiVersion}, the versions the emulator speaks`, async () => {
    const sdk = JSON.parse(readFileSync(new URL('../../node_modules/stripe/package.json', import.meta.url), 'utf8')) as { version: string };
    const { API_VERSION } = await import('../src/core/events');
    expect(SCHEMA['x-source']).toEqual({ package: 'stripe', version: sdk.version, apiVersion: API_VERSION });
  });

  it('accepts a well-formed object and reports each kind of departure from Stripe’s definition', () => {
    expect(messages(customer)).toEqual([]);
    const { email: _email, ...withoutEmail } = customer;
    expect(messages(withoutEmail)).toEqual(['customer.email: is missing (Stripe always sends it)']);
    expect(messages({ ...customer, colour: 'blue' })).toEqual(['customer.colour: is a field Stripe does not have']);
    expect(messages({ ...customer, balance: null })).toEqual(['customer.balance: is null, expected number']);
    expect(messages({ ...customer, tax_exempt: 'sometimes' })).toEqual(['customer.tax_exempt: is "sometimes", not one of "none", "exempt", "reverse"']);
    expect(messages({ ...customer, deleted: true })).toContain('customer.balance: is a field Stripe does not have');
    expect(messages({ ...customer, test_clock: { id: 'clock_1', object: 'test_helpers.test_clock' } })[0]).toMatch(/^test_helpers\.test_clock\.created: is missing/);
    expect(messages({ object: 'list', data: [customer, { ...customer, email: 7 }], has_more: false, url: '/v1/customers' }))
      .toEqual(['customer.email: is number 7, expected null or string']);
    expect(messages({ error: { type: 'card_error', code: 'card_declined', message: 'Your card was declined.', extra: 1 } }))
      .toEqual(['error.error.extra: is a field Stripe does not have']);
    expect(messages({ error: { message: 'no type' } })).toEqual(['error.error.type: is missing (Stripe always sends it)']);
  });

  it('checks an event’s object against its type and its previous_attributes against that object', () => {
    const event = {
      id: 'evt_1', object: 'event', api_version: '2026-10-28.endive', created: 1, livemode: false, pending_webhooks: 0,
      request: { id: null, idempotency_key: null }, type: 'customer.updated',
      data: { object: { ...customer, name: 3 }, previous_attributes: { name: null, shoe_size: 9 } },
    };
    expect(messages(event)).toEqual([
      'customer.name: is number 3, expected null or string',
      'event.data.previous_attributes.shoe_size: is not a field of a customer object',
    ]);
    expect(messages({ ...event, type: 'customer.teleported' })[0]).toMatch(/^event\.type: is "customer\.teleported", not one of/);
  });

  it.runIf(existsSync(FIXTURES))('finds Stripe’s own fixtures conformant, apart from the fields that changed between their version and the SDK’s', () => {
    const resources = (JSON.parse(readFileSync(FIXTURES, 'utf8')) as { resources: Record<string, unknown> }).resources;
    const names = [...Object.keys(SCHEMA['x-objects']), ...Object.keys(SCHEMA['x-deleted-objects']).map((name) => `deleted_${name}`)];
    const found = new Set<string>();
    for (const name of names) {
      expect(resources[name], `a fixture for ${name}`).toBeDefined();
      for (const violation of checkBody(resources[name])) {
        // The fixtures stand in `{ id: 'obj_123', object: 'account' }` for objects outside the schema.
        const placeholder = /expected .*(account|source) object/.test(violation.message);
        found.add(`${violation.key}: ${placeholder ? 'placeholder' : violation.message}`);
      }
    }
    expect([...found].sort()).toEqual(FIXTURE_DRIFT);
  });
});
