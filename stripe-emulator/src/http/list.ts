import type { Params } from '../types.js';
import { invalid } from './errors.js';
import { optInt, optString } from './params.js';

export interface ListObject<T> {
  object: 'list';
  data: T[];
  has_more: boolean;
  url: string;
}

interface Listable {
  id: string;
  created?: number;
}

/** Newest first, as Stripe lists: by `created` (or `timeOf`), ties broken by the most recently inserted. */
export function newestFirst<T extends { id: string }>(
  records: Record<string, T>,
  timeOf: (record: T) => number = (record) => (record as Listable).created ?? 0,
): T[] {
  return Object.values(records)
    .reverse()
    .sort((a, b) => timeOf(b) - timeOf(a));
}

export function createdFilter(params: Params, name = 'created'): (created: number) => boolean {
  const raw = params[name];
  if (raw === undefined) return () => true;
  if (typeof raw === 'string') {
    const exact = optInt(params, name);
    return (created) => created === exact;
  }
  const range = raw as Params;
  const bounds = {
    gt: optInt(range, 'gt'),
    gte: optInt(range, 'gte'),
    lt: optInt(range, 'lt'),
    lte: optInt(range, 'lte'),
  };
  return (created) =>
    (bounds.gt === undefined || created > bounds.gt) &&
    (bounds.gte === undefined || created >= bounds.gte) &&
    (bounds.lt === undefined || created < bounds.lt) &&
    (bounds.lte === undefined || created <= bounds.lte);
}

/** Cursor pagination over an already filtered, newest-first array. */
export function paginate<T extends { id?: string | null }>(items: T[], params: Params, url: string): ListObject<T> {
  const limit = optInt(params, 'limit') ?? 10;
  if (limit < 1 || limit > 100) throw invalid('Invalid limit: must be between 1 and 100', 'limit');
  const startingAfter = optString(params, 'starting_after');
  const endingBefore = optString(params, 'ending_before');
  const indexOf = (id: string, param: string): number => {
    const index = items.findIndex((item) => item.id === id);
    if (index === -1) throw invalid(`No such object: '${id}'`, param, 'resource_missing');
    return index;
  };
  if (endingBefore) {
    const end = indexOf(endingBefore, 'ending_before');
    const start = Math.max(0, end - limit);
    return { object: 'list', data: items.slice(start, end), has_more: start > 0, url };
  }
  const start = startingAfter ? indexOf(startingAfter, 'starting_after') + 1 : 0;
  const data = items.slice(start, start + limit);
  return { object: 'list', data, has_more: start + limit < items.length, url };
}
