import type Stripe from 'stripe';
import type { Params } from '../types.js';
import { emptyParam, invalid, missingParam } from './errors.js';

export function optString(params: Params, name: string): string | undefined {
  const value = params[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw invalid(`Invalid string: ${name}`, name);
  return value;
}

export function reqString(params: Params, name: string): string {
  const value = optString(params, name);
  if (value === undefined) throw missingParam(name);
  if (value === '') throw emptyParam(name);
  return value;
}

/** `field=` clears a nullable field in Stripe's form encoding. */
export function optNullableString(params: Params, name: string): string | null | undefined {
  const value = optString(params, name);
  return value === '' ? null : value;
}

export function optInt(params: Params, name: string): number | undefined {
  const value = optString(params, name);
  if (value === undefined) return undefined;
  if (value === '') throw emptyParam(name);
  if (!/^-?\d+$/.test(value)) throw invalid(`Invalid integer: ${value}`, name, 'parameter_invalid_integer');
  return Number(value);
}

export function optBool(params: Params, name: string): boolean | undefined {
  const value = optString(params, name);
  if (value === undefined) return undefined;
  if (value === '') throw emptyParam(name);
  if (value !== 'true' && value !== 'false') throw invalid(`Invalid boolean: ${value}`, name);
  return value === 'true';
}

export function optEnum<T extends string>(params: Params, name: string, allowed: readonly T[]): T | undefined {
  const value = optString(params, name);
  if (value === undefined) return undefined;
  if (value === '') throw emptyParam(name);
  if (!(allowed as readonly string[]).includes(value)) {
    throw invalid(`Invalid ${name}: must be one of ${allowed.join(', ')}`, name);
  }
  return value as T;
}

export function optObject(params: Params, name: string): Params | undefined {
  const value = params[name];
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalid('Invalid hash', name);
  }
  return value as Params;
}

export function optArray(params: Params, name: string): Params[] | undefined {
  const value = params[name];
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) throw invalid('Invalid array', name);
  return value.map((entry) => (typeof entry === 'object' && entry !== null ? (entry as Params) : {}));
}

export function optStringArray(params: Params, name: string): string[] | undefined {
  const value = params[name];
  if (value === undefined) return undefined;
  if (typeof value === 'string') return [value];
  if (!Array.isArray(value)) throw invalid('Invalid array', name);
  return value.filter((entry): entry is string => typeof entry === 'string');
}

/** Merges `metadata[...]` into existing metadata; an empty value deletes the key, `metadata=` clears all. */
export function mergeMetadata(current: Stripe.Metadata | null, params: Params): Stripe.Metadata {
  const raw = params.metadata;
  if (raw === undefined) return { ...(current ?? {}) };
  if (raw === '') return {};
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw invalid('Invalid metadata', 'metadata');
  const next: Stripe.Metadata = { ...(current ?? {}) };
  for (const [key, value] of Object.entries(raw)) {
    if (typeof value !== 'string') throw invalid(`Invalid metadata value for ${key}`, `metadata[${key}]`);
    if (value === '') delete next[key];
    else next[key] = value;
  }
  return next;
}
