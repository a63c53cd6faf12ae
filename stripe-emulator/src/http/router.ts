import type { Ctx, Params, ParamTree } from '../types.js';
import { knownParamsFor } from './known-params.js';

export type Method = 'GET' | 'POST' | 'DELETE';

/** Returns the response object; throw an ApiError for Stripe-shaped failures. */
export type Handler = (ctx: Ctx, params: Params, path: string[]) => unknown;

export interface Route {
  method: Method;
  /** As declared, e.g. `/v1/customers/:id`. */
  path: string;
  pattern: RegExp;
  handler: Handler;
  /** Routes under /_emulator need no API key and skip idempotency. */
  open?: boolean;
  /** The parameters Stripe accepts here; others are refused with `parameter_unknown`. */
  known?: ParamTree;
}

/** `route('POST', '/v1/customers/:id', fn)`; `:name` segments become handler path arguments. */
export function route(method: Method, path: string, handler: Handler, open = false): Route {
  const pattern = new RegExp(`^${path.replace(/:[a-z_]+/g, '([^/]+)')}/?$`);
  return { method, path, pattern, handler, open, known: open ? undefined : knownParamsFor(`${method} ${path}`) };
}

export function matchRoute(routes: Route[], method: string, pathname: string): { route: Route; args: string[] } | null {
  for (const candidate of routes) {
    if (candidate.method !== method) continue;
    const match = candidate.pattern.exec(pathname);
    if (match) return { route: candidate, args: match.slice(1).map((part) => decodeURIComponent(part)) };
  }
  return null;
}

/** Lets a handler answer with something other than JSON (hosted pages, redirects). */
export class RawResponse {
  constructor(
    readonly status: number,
    readonly contentType: string,
    readonly body: string,
    readonly headers: Record<string, string> = {},
  ) {}

  static redirect(location: string): RawResponse {
    return new RawResponse(303, 'text/plain; charset=utf-8', `See ${location}`, { Location: location });
  }
}
