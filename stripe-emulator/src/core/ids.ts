import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

export function randomToken(length: number): string {
  const bytes = randomBytes(length);
  let out = '';
  for (const byte of bytes) out += ALPHABET[byte % ALPHABET.length];
  return out;
}

export type IdPrefix =
  | 'cus' | 'prod' | 'price' | 'pm' | 'sub' | 'si' | 'in' | 'il' | 'il_tmp' | 'ii' | 'evt' | 'clock' | 'req'
  | 'upcoming_in' | 'cs_test' | 'bps' | 'sub_sched' | 'pi' | 'seti' | 'ch' | 'txi' | 're' | 'promo' | 'di' | 'cn' | 'cnli' | 'cbtxn' | 'inpay';

/** Random ids with Stripe's prefixes, e.g. `sub_1QabcDEF...`. */
export function newId(prefix: IdPrefix): string {
  return `${prefix}_1${randomToken(prefix === 'req' ? 13 : 23)}`;
}
