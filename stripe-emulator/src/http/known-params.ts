import type { Params, ParamTree } from '../types.js';
import { ApiError } from './errors.js';
import { KNOWN_PARAMS } from './known-params.generated.js';

/** 1: a value; '*': free-form keys (metadata); an object: the keys it accepts. */

function collectUnknown(value: unknown, tree: ParamTree | 1 | '*', path: string, found: string[]): void {
  if (tree === 1 || tree === '*' || typeof value !== 'object' || value === null) return;
  if (Array.isArray(value)) {
    value.forEach((entry, index) => collectUnknown(entry, tree, `${path}[${index}]`, found));
    return;
  }
  for (const [key, child] of Object.entries(value)) {
    const name = path ? `${path}[${key}]` : key;
    const known = tree[key];
    if (known === undefined) found.push(name);
    else collectUnknown(child, known, name, found);
  }
}

/** The parameter tree Stripe's API accepts on a route, from the SDK's types. */
export function knownParamsFor(routeKey: string): ParamTree | undefined {
  return KNOWN_PARAMS[routeKey];
}

/** Stripe's `parameter_unknown`: "Received unknown parameter: items[0][colour]". */
export function refuseUnknownParams(params: Params, tree: ParamTree): void {
  const unknown: string[] = [];
  collectUnknown(params, tree, '', unknown);
  if (unknown.length === 0) return;
  const message = unknown.length === 1
    ? `Received unknown parameter: ${unknown[0]}`
    : `Received unknown parameters: ${unknown.join(', ')}`;
  throw new ApiError(400, 'invalid_request_error', message, 'parameter_unknown', unknown[0]);
}
