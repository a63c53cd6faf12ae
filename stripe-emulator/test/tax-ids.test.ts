import Stripe from 'stripe';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { launch, type Harness } from './helpers';

describe('customer tax IDs', () => {
  let harness: Harness;
  let stripe: Stripe;
  let customer: Stripe.Customer;
  beforeEach(async () => {
    harness = await launch();
    stripe = harness.stripe;
    customer = await stripe.customers.create({ email: 'ada@example.com' });
  });
  afterEach(async () => harness.emulator.close());

  it('creates a tax ID with its country and owner, pending verification for a VAT number, and customer.tax_id.created', async () => {
    const vat = await stripe.customers.createTaxId(customer.id, { type: 'eu_vat', value: 'de 123456789' });
    expect(vat).toMatchObject({
      object: 'tax_id', type: 'eu_vat', value: 'DE123456789', country: 'DE', customer: customer.id,
      owner: { type: 'customer', customer: customer.id }, verification: { status: 'pending' },
    });
    expect(vat.id).toMatch(/^txi_/);
    const ein = await stripe.customers.createTaxId(customer.id, { type: 'us_ein', value: '12-3456789' });
    expect(ein).toMatchObject({ country: 'US', verification: null });
    const events = await stripe.events.list({ type: 'customer.tax_id.created' });
    expect(events.data.map((event) => (event.data.object as Stripe.TaxId).id)).toEqual([ein.id, vat.id]);
  });

  it('refuses a malformed value with tax_id_invalid and an unknown type', async () => {
    const badValue = await stripe.customers.createTaxId(customer.id, { type: 'gb_vat', value: 'GB12' }).catch((error: Stripe.errors.StripeError) => error);
    expect(badValue).toMatchObject({ statusCode: 400, code: 'tax_id_invalid', param: 'value', message: 'Invalid value for gb_vat.' });
    const badType = await stripe.customers.createTaxId(customer.id, { type: 'xx_tin' as Stripe.CustomerCreateTaxIdParams.Type, value: '1' })
      .catch((error: Stripe.errors.StripeError) => error);
    expect(badType).toMatchObject({ statusCode: 400, param: 'type' });
  });

  it('lists, retrieves and deletes a customer’s tax IDs, with customer.tax_id.deleted', async () => {
    const vat = await stripe.customers.createTaxId(customer.id, { type: 'eu_vat', value: 'FR12345678901' });
    const other = await stripe.customers.create({});
    await stripe.customers.createTaxId(other.id, { type: 'au_abn', value: '12345678901' });
    expect((await stripe.customers.listTaxIds(customer.id)).data.map((taxId) => taxId.id)).toEqual([vat.id]);
    expect(await stripe.customers.retrieveTaxId(customer.id, vat.id)).toMatchObject({ id: vat.id });
    expect(await stripe.customers.deleteTaxId(customer.id, vat.id)).toEqual(expect.objectContaining({ id: vat.id, object: 'tax_id', deleted: true }));
    expect((await stripe.customers.listTaxIds(customer.id)).data).toEqual([]);
    const missing = await stripe.customers.retrieveTaxId(customer.id, vat.id).catch((error: Stripe.errors.StripeError) => error);
    expect(missing).toMatchObject({ statusCode: 404, code: 'resource_missing' });
    expect((await stripe.events.list({ type: 'customer.tax_id.deleted' })).data).toHaveLength(1);
  });

  it('shows the customer’s tax IDs on invoices finalized after they were added', async () => {
    await stripe.customers.createTaxId(customer.id, { type: 'eu_vat', value: 'NL123456789B01' });
    await stripe.invoiceItems.create({ customer: customer.id, amount: 1000, currency: 'eur' });
    const draft = await stripe.invoices.create({ customer: customer.id, pending_invoice_items_behavior: 'include' });
    expect(draft.customer_tax_ids).toEqual([]);
    const open = await stripe.invoices.finalizeInvoice(draft.id);
    expect(open.customer_tax_ids).toEqual([{ type: 'eu_vat', value: 'NL123456789B01' }]);
  });
});
