import type Stripe from 'stripe';
import type { EventType, State } from '../types.js';
import { newId } from './ids.js';

export const API_VERSION = '2026-10-28.endive';

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Stripe's `previous_attributes`: the old values of changed keys, descending into plain
 * sub-objects; arrays and lists are reported whole.
 */
export function diffPrevious(before: unknown, after: unknown): Record<string, unknown> | undefined {
  if (!isPlainObject(before) || !isPlainObject(after)) return undefined;
  const previous: Record<string, unknown> = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const old = before[key];
    const now = after[key];
    if (JSON.stringify(old) === JSON.stringify(now)) continue;
    const nested = isPlainObject(old) && isPlainObject(now) && old.object !== 'list' ? diffPrevious(old, now) : undefined;
    previous[key] = nested ?? (old === undefined ? null : old);
  }
  return Object.keys(previous).length > 0 ? previous : undefined;
}

export interface EventSink {
  /** Whether a webhook endpoint is configured (sets `pending_webhooks`). */
  webhooks: boolean;
  recorded(event: Stripe.EventBase): void;
}

export function recordEvent(
  state: State,
  sink: EventSink,
  request: Stripe.Event.Request,
  type: EventType,
  object: object,
  created: number,
  before?: object,
): Stripe.EventBase | null {
  const data: Stripe.Event.Data = { object: structuredClone(object) };
  if (before && type.endsWith('.updated')) {
    const previous = diffPrevious(before, object);
    // Like Stripe, an update that changed nothing is not an event.
    if (!previous) return null;
    data.previous_attributes = previous;
  }
  const event: Stripe.EventBase = {
    id: newId('evt'),
    object: 'event',
    api_version: API_VERSION,
    created,
    data,
    livemode: false,
    pending_webhooks: sink.webhooks ? 1 : 0,
    request: { ...request },
    type,
  };
  state.events[event.id] = event;
  sink.recorded(event);
  return event;
}
