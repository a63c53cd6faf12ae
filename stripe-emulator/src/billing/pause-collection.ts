import type Stripe from 'stripe';
import type { Ctx, Params } from '../types.js';
import { invalid, missingParam } from '../http/errors.js';
import { optEnum, optInt } from '../http/params.js';
import { issueInvoice, storeDraft } from './collect.js';
import { markUncollectible, voidOpenInvoice } from './invoice-status.js';

// Pausing collection is not the `paused` status: the subscription stays active and keeps
// invoicing; only what happens to those invoices changes, and no paused/resumed event is sent.

const BEHAVIORS = ['keep_as_draft', 'mark_uncollectible', 'void'] as const;

/** `pause_collection[behavior]`/`[resumes_at]` from an update; `''` clears it. Undefined: not given. */
export function readPauseCollection(params: Params, now: number): Stripe.Subscription.PauseCollection | null | undefined {
  const raw = params.pause_collection;
  if (raw === undefined) return undefined;
  if (raw === '') return null;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw invalid('Invalid hash', 'pause_collection');
  const pause = raw as Params;
  const behavior = optEnum(pause, 'behavior', BEHAVIORS);
  if (!behavior) throw missingParam('pause_collection[behavior]');
  const resumesAt = optInt(pause, 'resumes_at') ?? null;
  if (resumesAt !== null && resumesAt <= now) {
    throw invalid('Invalid timestamp: must be an integer Unix timestamp in the future.', 'pause_collection[resumes_at]');
  }
  return { behavior, resumes_at: resumesAt };
}

/** Issues a renewal invoice the way the subscription's `pause_collection` says. */
export function issueWhileCollectionPaused(ctx: Ctx, invoice: Stripe.Invoice, pause: Stripe.Subscription.PauseCollection, at: number): void {
  if (pause.behavior === 'keep_as_draft') {
    invoice.auto_advance = false;
    storeDraft(ctx, invoice, at);
    return;
  }
  issueInvoice(ctx, invoice, at, false);
  if (invoice.status !== 'open') return;
  if (pause.behavior === 'void') voidOpenInvoice(ctx, invoice, at);
  else markUncollectible(ctx, invoice, at);
}

/** `resumes_at` has come: collection resumes. */
export function resumeCollection(ctx: Ctx, subscription: Stripe.Subscription, at: number): void {
  const before = structuredClone(subscription);
  subscription.pause_collection = null;
  ctx.emit('customer.subscription.updated', subscription, at, before);
}
