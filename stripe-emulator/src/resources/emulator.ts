import type Stripe from 'stripe';
import { formatDay } from '../core/time.js';
import { noSuch } from '../http/errors.js';
import { escapeHtml } from '../http/html.js';
import { RawResponse, route, type Route } from '../http/router.js';
import { invoicePdf } from '../objects/invoice-pdf.js';
import { formatMoney } from '../objects/money.js';

/** The tiny page behind `hosted_invoice_url`. */
function invoicePage(invoice: Stripe.Invoice): RawResponse {
  const money = (amount: number): string => escapeHtml(formatMoney(amount, invoice.currency));
  const rows = invoice.lines.data
    .map((line) => `<tr><td>${escapeHtml(line.description ?? '')}</td><td>${money(line.amount)}</td></tr>`)
    .join('');
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Invoice ${escapeHtml(invoice.number ?? invoice.id)}</title></head>
<body>
<h1>Invoice ${escapeHtml(invoice.number ?? invoice.id)}</h1>
<p>Status: ${escapeHtml(invoice.status ?? '')} &middot; Created ${formatDay(invoice.created)}</p>
<table><thead><tr><th>Description</th><th>Amount</th></tr></thead><tbody>${rows}</tbody></table>
<p>Total: ${money(invoice.total)} &middot; Amount due: ${money(invoice.amount_due)} &middot; Paid: ${money(invoice.amount_paid)}</p>
${invoice.invoice_pdf ? `<p><a href="${escapeHtml(invoice.invoice_pdf)}">Download PDF</a></p>` : ''}
</body></html>`;
  return new RawResponse(200, 'text/html; charset=utf-8', html);
}

export interface DeliveryControl {
  pending(): number;
  retryNow(): void;
}

export function emulatorRoutes(deliveries: DeliveryControl): Route[] {
  const findInvoice = (ctx: Parameters<Route['handler']>[0], id: string): Stripe.Invoice => {
    const invoice = ctx.state.invoices[id];
    if (!invoice) throw noSuch('invoice', id);
    return invoice;
  };
  const page: Route['handler'] = (ctx, _params, [id]) => invoicePage(findInvoice(ctx, id as string));
  const pdf: Route['handler'] = (ctx, _params, [id]) => {
    const invoice = findInvoice(ctx, id as string);
    return new RawResponse(200, 'application/pdf', invoicePdf(invoice), {
      'Content-Disposition': `inline; filename="${(invoice.number ?? invoice.id).replace(/[^A-Za-z0-9_-]/g, '')}.pdf"`,
    });
  };
  return [
    route('GET', '/_emulator/health', () => ({ ok: true }), true),
    route('GET', '/_emulator/deliveries/pending', () => ({ pending: deliveries.pending() }), true),
    route('POST', '/_emulator/deliveries/retry', () => {
      deliveries.retryNow();
      return { pending: deliveries.pending() };
    }, true),
    route('GET', '/_emulator/invoices/:id', page, true),
    route('GET', '/_emulator/invoices/:id/pdf', pdf, true),
  ];
}
