import type Stripe from 'stripe';
import type { Params } from '../types.js';
import { invalid, missingParam } from '../http/errors.js';
import { optNullableString, optObject } from '../http/params.js';

/** An address from `name[line1]`, `name[city]`, …: undefined when not sent, null when sent empty (Stripe unsets it). */
export function optAddress(params: Params, name: string): Stripe.Address | null | undefined {
  if (params[name] === '') return null;
  const given = optObject(params, name);
  if (!given) return undefined;
  const field = (key: keyof Stripe.Address) => optNullableString(given, key) ?? null;
  const address: Stripe.Address = {
    city: field('city'), country: field('country'), line1: field('line1'), line2: field('line2'), postal_code: field('postal_code'), state: field('state'),
  };
  if (address.country !== null && !/^[A-Z]{2}$/.test(address.country)) {
    throw invalid(`Country '${address.country}' is unknown. Try using a 2-character alphanumeric country code instead, such as 'US', 'EG', or 'GB'. A full list of country codes is available at https://stripe.com/docs/api/country_specs`, `${name}[country]`);
  }
  return address;
}

/** Shipping details: a name and an address are required, as Stripe requires them. */
export function optShipping(params: Params, name: string): Stripe.Customer.Shipping | null | undefined {
  if (params[name] === '') return null;
  const given = optObject(params, name);
  if (!given) return undefined;
  const address = optAddress(given, 'address');
  const recipient = optNullableString(given, 'name');
  if (!address) throw missingParam(`${name}[address]`);
  if (!recipient) throw missingParam(`${name}[name]`);
  return { address, name: recipient, phone: optNullableString(given, 'phone') ?? null };
}
