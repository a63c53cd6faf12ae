import type { Ctx, Params } from '../types.js';
import { noSuch } from '../http/errors.js';
import { createdFilter, newestFirst, paginate } from '../http/list.js';
import { optString, optStringArray } from '../http/params.js';
import { route, type Route } from '../http/router.js';

/** `type` accepts Stripe's wildcard form, e.g. `invoice.*`. */
function typeMatcher(pattern: string): (type: string) => boolean {
  if (!pattern.includes('*')) return (type) => type === pattern;
  const regex = new RegExp(`^${pattern.split('*').map((part) => part.replace(/[.]/g, '\\.')).join('.*')}$`);
  return (type) => regex.test(type);
}

function list(ctx: Ctx, params: Params): unknown {
  const type = optString(params, 'type');
  const types = optStringArray(params, 'types');
  const matchesType = type ? typeMatcher(type) : () => true;
  const inRange = createdFilter(params);
  const events = newestFirst(ctx.state.events).filter(
    (event) => matchesType(event.type) && (!types || types.includes(event.type)) && inRange(event.created),
  );
  return paginate(events, params, '/v1/events');
}

export const eventRoutes: Route[] = [
  route('GET', '/v1/events', list),
  route('GET', '/v1/events/:id', (ctx, _params, [id]) => {
    const event = ctx.state.events[id as string];
    if (!event) throw noSuch('event', id as string);
    return event;
  }),
];
