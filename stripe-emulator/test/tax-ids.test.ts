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

  it('checks each EU member state’s own VAT number format and the other offered types’ formats', async () => {
    const refused = async (type: string, value: string) =>
      (await stripe.customers.createTaxId(customer.id, { type: type as Stripe.CustomerCreateTaxIdParams.Type, value }).catch((error: Stripe.errors.StripeError) => error)) as Stripe.errors.StripeError;
    for (const [type, value] of [['eu_vat', 'DE12345678'], ['eu_vat', 'NL123456789'], ['eu_vat', 'XX123456789'], ['eu_vat', 'ATU1234567'],
      ['gb_vat', 'GB1234567'], ['nz_gst', '12345'], ['jp_cn', '123'], ['sg_uen', '123456789'], ['za_vat', '5123456789'], ['ch_vat', 'CHE-123.456.789']]) {
      expect(await refused(type!, value!), `${type} ${value}`).toMatchObject({ statusCode: 400, code: 'tax_id_invalid', param: 'value', message: `Invalid value for ${type}.` });
    }
    for (const [type, value] of [['eu_vat', 'ATU12345678'], ['eu_vat', 'NL123456789B01'], ['eu_vat', 'FR12345678901'], ['eu_vat', 'EL123456789'],
      ['gb_vat', 'GB123456789'], ['nz_gst', '123456789'], ['jp_cn', '1234567891234'], ['sg_uen', '123456789F'], ['za_vat', '4123456789'], ['ch_vat', 'CHE-123.456.789 MWST']]) {
      expect(await stripe.customers.createTaxId(customer.id, { type: type as Stripe.CustomerCreateTaxIdParams.Type, value: value! }), `${type} ${value}`).toMatchObject({ type, value });
    }
  });

  it('includes the tax IDs in a retrieved or updated customer only when expand[]=tax_ids asks', async () => {
    const vat = await stripe.customers.createTaxId(customer.id, { type: 'eu_vat', value: 'DE123456789' });
    expect((await stripe.customers.retrieve(customer.id)) as Stripe.Customer).not.toHaveProperty('tax_ids');
    const retrieved = (await stripe.customers.retrieve(customer.id, { expand: ['tax_ids'] })) as Stripe.Customer;
    expect(retrieved.tax_ids).toMatchObject({ object: 'list', has_more: false, url: `/v1/customers/${customer.id}/tax_ids` });
    expect(retrieved.tax_ids!.data.map((taxId) => taxId.id)).toEqual([vat.id]);
    const updated = await stripe.customers.update(customer.id, { name: 'Ada Ltd', expand: ['tax_ids'] });
    expect(updated).toMatchObject({ name: 'Ada Ltd', tax_ids: { data: [expect.objectContaining({ id: vat.id })] } });
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
