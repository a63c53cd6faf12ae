import type Stripe from 'stripe';
import { formatDay } from '../core/time';
import { noSuch } from '../http/errors';
import { escapeHtml } from '../http/html';
import { RawResponse, route, type Route } from '../http/router';
import { formatMoney } from '../objects/money';

/** The tiny page behind `hosted_invoice_url` and `invoice_pdf`. */
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
</body></html>`;
  return new RawResponse(200, 'text/html; charset=utf-8', html);
}

export interface DeliveryControl {
  pending(): number;
  retryNow(): void;
}

export function emulatorRoutes(deliveries: DeliveryControl): Route[] {
  const page: Route['handler'] = (ctx, _params, [id]) => {
    const invoice = ctx.state.invoices[id as string];
    if (!invoice) throw noSuch('invoice', id as string);
    return invoicePage(invoice);
  };
  return [
    route('GET', '/_emulator/health', () => ({ ok: true }), true),
    route('GET', '/_emulator/deliveries/pending', () => ({ pending: deliveries.pending() }), true),
    route('POST', '/_emulator/deliveries/retry', () => {
      deliveries.retryNow();
      return { pending: deliveries.pending() };
    }, true),
    route('GET', '/_emulator/invoices/:id', page, true),
    route('GET', '/_emulator/invoices/:id/pdf', page, true),
  ];
}
