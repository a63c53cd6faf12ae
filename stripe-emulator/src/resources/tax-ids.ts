import type Stripe from 'stripe';
import type { Ctx, Params, State } from '../types.js';
import { newId } from '../core/ids.js';
import { customerNow } from '../core/time.js';
import { invalid, noSuch } from '../http/errors.js';
import { TAX_ID_TYPES } from '../http/known-params.generated.js';
import { newestFirst, paginate } from '../http/list.js';
import { reqString } from '../http/params.js';
import { route, type Route } from '../http/router.js';
import { getOrThrow } from './common.js';

/** The national part of an EU VAT number after its country prefix, as each member state (and XI, Northern Ireland) writes it. */
const EU_VAT_FORMATS: Record<string, RegExp> = {
  AT: /^U\d{8}$/, BE: /^[01]\d{9}$/, BG: /^\d{9,10}$/, CY: /^\d{8}[A-Z]$/, CZ: /^\d{8,10}$/, DE: /^\d{9}$/, DK: /^\d{8}$/,
  EE: /^\d{9}$/, EL: /^\d{9}$/, ES: /^[A-Z0-9]\d{7}[A-Z0-9]$/, FI: /^\d{8}$/, FR: /^[A-HJ-NP-Z0-9]{2}\d{9}$/, HR: /^\d{11}$/,
  HU: /^\d{8}$/, IE: /^(\d{7}[A-W][A-IW]?|\d[A-Z+*]\d{5}[A-W])$/, IT: /^\d{11}$/, LT: /^(\d{9}|\d{12})$/, LU: /^\d{8}$/,
  LV: /^\d{11}$/, MT: /^\d{8}$/, NL: /^\d{9}B\d{2}$/, PL: /^\d{10}$/, PT: /^\d{9}$/, RO: /^\d{2,10}$/, SE: /^\d{10}01$/,
  SI: /^\d{8}$/, SK: /^\d{10}$/, XI: /^(\d{9}|\d{12}|GD\d{3}|HA\d{3})$/,
};

const euVat = { test: (value: string) => EU_VAT_FORMATS[value.slice(0, 2)]?.test(value.slice(2)) ?? false };

/** Formats checked for the common types (Stripe's published examples fit them); other types need only a value. */
const FORMATS: Record<string, { test(value: string): boolean }> = {
  eu_vat: euVat,
  gb_vat: /^GB(\d{9}|\d{12}|GD\d{3}|HA\d{3})$/,
  au_abn: /^\d{11}$/,
  ca_bn: /^\d{9}$/,
  us_ein: /^\d{2}-?\d{7}$/,
  ch_vat: /^CHE-\d{3}\.\d{3}\.\d{3} (MWST|TVA|IVA)$/,
  no_vat: /^\d{9}MVA$/,
  in_gst: /^\d{2}[A-Z0-9]{10}\d[A-Z0-9]{2}$/,
  nz_gst: /^\d{8,9}$/,
  jp_cn: /^\d{13}$/,
  sg_uen: /^(\d{8,9}[A-Z]|[TSR]\d{2}[A-Z]{2}\d{4}[A-Z])$/,
  za_vat: /^4\d{9}$/,
};

/** Stripe checks these against government databases; the emulator leaves them pending. */
const VERIFIED_TYPES = ['eu_vat', 'gb_vat', 'au_abn'];

function countryOf(type: string, value: string): string | null {
  if (type === 'eu_vat') {
    const prefix = value.slice(0, 2);
    return prefix === 'EL' ? 'GR' : prefix === 'XI' ? 'GB' : prefix;
  }
  return type.startsWith('eu_') ? null : type.slice(0, 2).toUpperCase();
}

function create(ctx: Ctx, params: Params, [customerId]: string[]): Stripe.TaxId {
  const customer = getOrThrow(ctx.state, 'customers', customerId as string);
  const type = reqString(params, 'type');
  if (!TAX_ID_TYPES.includes(type)) throw invalid(`Invalid type: must be one of ${TAX_ID_TYPES.join(', ')}`, 'type');
  const value = reqString(params, 'value').replace(/\s+/g, '').toUpperCase();
  const format = FORMATS[type];
  const shown = type === 'ch_vat' ? reqString(params, 'value').trim() : value;
  if (format && !format.test(shown)) throw invalid(`Invalid value for ${type}.`, 'value', 'tax_id_invalid');
  const now = customerNow(ctx.state, customer.id);
  const taxId: Stripe.TaxId = {
    id: newId('txi'),
    object: 'tax_id',
    country: countryOf(type, shown),
    created: now,
    customer: customer.id,
    customer_account: null,
    livemode: false,
    owner: { customer: customer.id, customer_account: null, type: 'customer' },
    type: type as Stripe.TaxId.Type,
    value: shown,
    verification: VERIFIED_TYPES.includes(type) ? { status: 'pending', verified_address: null, verified_name: null } : null,
  };
  ctx.state.tax_ids[taxId.id] = taxId;
  ctx.emit('customer.tax_id.created', taxId, now);
  return taxId;
}

function find(ctx: Ctx, customerId: string, id: string): Stripe.TaxId {
  getOrThrow(ctx.state, 'customers', customerId);
  const taxId = ctx.state.tax_ids[id];
  if (!taxId || taxId.customer !== customerId) throw noSuch('tax_id', id);
  return taxId;
}

function remove(ctx: Ctx, _params: Params, [customerId, id]: string[]): Stripe.DeletedTaxId {
  const taxId = find(ctx, customerId as string, id as string);
  delete ctx.state.tax_ids[taxId.id];
  ctx.state.deleted[taxId.id] = 'tax_id';
  ctx.emit('customer.tax_id.deleted', taxId, customerNow(ctx.state, customerId));
  return { id: taxId.id, object: 'tax_id', deleted: true };
}

/** The customer's tax IDs, newest first, as the list `GET /v1/customers/:id/tax_ids` (and `expand[]=tax_ids`) gives. */
export function listCustomerTaxIds(state: State, customerId: string, params: Params): unknown {
  const taxIds = newestFirst(state.tax_ids).filter((taxId) => taxId.customer === customerId);
  return paginate(taxIds, params, `/v1/customers/${customerId}/tax_ids`);
}

export const taxIdRoutes: Route[] = [
  route('POST', '/v1/customers/:id/tax_ids', create),
  route('GET', '/v1/customers/:id/tax_ids', (ctx, params, [customerId]) => {
    getOrThrow(ctx.state, 'customers', customerId as string);
    return listCustomerTaxIds(ctx.state, customerId as string, params);
  }),
  route('GET', '/v1/customers/:id/tax_ids/:tax_id', (ctx, _params, [customerId, id]) => find(ctx, customerId as string, id as string)),
  route('DELETE', '/v1/customers/:id/tax_ids/:tax_id', remove),
];
