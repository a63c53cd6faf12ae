import type Stripe from 'stripe';
import type { Ctx } from '../types.js';
import { applyTotals, toLineItem } from './invoice-builder.js';
import { itemLine } from './invoice-items.js';

function itemIdOf(line: Stripe.InvoiceLineItem): string | null {
  return line.parent?.invoice_item_details?.invoice_item ?? line.parent?.subscription_item_details?.invoice_item ?? null;
}

/** A draft's lines are its invoice items; rebuilt (keeping line ids) whenever one changes. */
export function refreshDraftLines(ctx: Ctx, invoice: Stripe.Invoice, now: number): void {
  if (invoice.status !== 'draft') return;
  const before = structuredClone(invoice);
  setDraftLines(ctx, invoice);
  ctx.emit('invoice.updated', invoice, now, before);
}

export function setDraftLines(ctx: Ctx, invoice: Stripe.Invoice): void {
  const lineIds = new Map(invoice.lines.data.map((line) => [itemIdOf(line), line.id]));
  const items = Object.values(ctx.state.invoice_items).filter((item) => item.invoice === invoice.id);
  invoice.lines.data = items.map((item) => {
    const line = toLineItem(itemLine(item), invoice.id, invoice.currency, false);
    line.id = lineIds.get(item.id) ?? line.id;
    return line;
  });
  applyTotals(invoice, null);
}
