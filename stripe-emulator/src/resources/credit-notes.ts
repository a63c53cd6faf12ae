import type Stripe from 'stripe';
import type { Ctx, Params } from '../types.js';
import { customerNow } from '../core/time.js';
import { planCreditNote } from '../billing/credit-notes.js';
import { issueCreditNote, voidCreditNote } from '../billing/issue-credit-note.js';
import { createdFilter, newestFirst, paginate } from '../http/list.js';
import { mergeMetadata, optString } from '../http/params.js';
import { route, RawResponse, type Route } from '../http/router.js';
import { creditNoteLines, pdfDocument } from '../objects/invoice-pdf.js';
import { getOrThrow } from './common.js';

function list(ctx: Ctx, params: Params): unknown {
  const invoice = optString(params, 'invoice');
  const customer = optString(params, 'customer');
  const created = createdFilter(params);
  const notes = newestFirst(ctx.state.credit_notes).filter((note) =>
    (!invoice || note.invoice === invoice) && (!customer || note.customer === customer) && created(note.created));
  return paginate(notes, params, '/v1/credit_notes');
}

function update(ctx: Ctx, params: Params, [id]: string[]): Stripe.CreditNote {
  const note = getOrThrow(ctx.state, 'credit_notes', id as string);
  const before = structuredClone(note);
  const memo = optString(params, 'memo');
  if (memo !== undefined) note.memo = memo || null;
  note.metadata = mergeMetadata(note.metadata, params);
  ctx.emit('credit_note.updated', note, customerNow(ctx.state, note.customer as string), before);
  return note;
}

export const creditNoteRoutes: Route[] = [
  route('POST', '/v1/credit_notes', (ctx, params) => issueCreditNote(ctx, planCreditNote(ctx, params))),
  route('GET', '/v1/credit_notes', list),
  // A preview is planned exactly as a credit note would be, and stored nowhere.
  route('GET', '/v1/credit_notes/preview', (ctx, params) => planCreditNote(ctx, params).note),
  route('GET', '/v1/credit_notes/preview/lines', (ctx, params) =>
    paginate(planCreditNote(ctx, params).note.lines.data, params, '/v1/credit_notes/preview/lines')),
  route('GET', '/v1/credit_notes/:id', (ctx, _params, [id]) => getOrThrow(ctx.state, 'credit_notes', id as string)),
  route('POST', '/v1/credit_notes/:id', update),
  route('POST', '/v1/credit_notes/:id/void', (ctx, _params, [id]) => {
    const note = getOrThrow(ctx.state, 'credit_notes', id as string);
    return voidCreditNote(ctx, note, customerNow(ctx.state, note.customer as string));
  }),
  route('GET', '/v1/credit_notes/:id/lines', (ctx, params, [id]) =>
    paginate(getOrThrow(ctx.state, 'credit_notes', id as string).lines.data, params, `/v1/credit_notes/${id as string}/lines`)),
];

/** The credit note's `pdf`: the same one-page document as an invoice's, listing what was credited. */
export const creditNotePageRoutes: Route[] = [
  route('GET', '/_emulator/credit_notes/:id/pdf', (ctx, _params, [id]) => {
    const note = getOrThrow(ctx.state, 'credit_notes', id as string);
    return new RawResponse(200, 'application/pdf', pdfDocument(creditNoteLines(note)), {
      'Content-Disposition': `inline; filename="${note.number.replace(/[^A-Za-z0-9_-]/g, '')}.pdf"`,
    });
  }, true),
];
