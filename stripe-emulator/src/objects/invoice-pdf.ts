import type Stripe from 'stripe';
import { formatDay } from '../core/time.js';
import { formatMoney } from './money.js';

/** PDF strings take Latin text only here (the base-14 Helvetica, no embedded font); anything else becomes "?". */
function pdfText(text: string): string {
  return text.replace(/\u00d7/g, 'x').replace(/[^\x20-\x7e]/g, '?').replace(/[\\()]/g, (char) => `\\${char}`);
}

function amount(value: number, currency: string): string {
  return `${formatMoney(value, currency)} ${currency.toUpperCase()}`;
}

export function invoiceLines(invoice: Stripe.Invoice): string[] {
  return [
    `Invoice ${invoice.number ?? invoice.id}`,
    `${invoice.account_name ?? 'Stripe Emulator'} - issued ${formatDay(invoice.created)} to ${invoice.customer_email ?? invoice.customer}`,
    `Status: ${invoice.status ?? ''}`,
    '',
    ...invoice.lines.data.map((line) => `${line.description ?? ''}: ${amount(line.amount, invoice.currency)}`),
    '',
    `Total: ${amount(invoice.total, invoice.currency)}`,
    `Amount due: ${amount(invoice.amount_due, invoice.currency)}`,
    `Amount paid: ${amount(invoice.amount_paid, invoice.currency)}`,
  ];
}

/**
 * A real, minimal one-page PDF (PDF 1.4, written by hand: one text stream in Helvetica), so a viewer or a
 * test can open `invoice_pdf` as a PDF. It is not Stripe's layout, only the invoice's facts.
 */
export function invoicePdf(invoice: Stripe.Invoice): string {
  return pdfDocument(invoiceLines(invoice));
}

export function creditNoteLines(note: Stripe.CreditNote): string[] {
  return [
    `Credit note ${note.number}`,
    `Stripe Emulator - issued ${formatDay(note.created)} against invoice ${note.invoice as string}`,
    `Status: ${note.status}`,
    note.memo ? `Memo: ${note.memo}` : '',
    '',
    ...note.lines.data.map((line) => `${line.description ?? ''}: ${amount(line.amount, note.currency)}`),
    '',
    `Total credited: ${amount(note.total, note.currency)}`,
  ];
}

/** A one-page PDF of the given text lines. */
export function pdfDocument(lines: string[]): string {
  const text = lines
    .map((line, index) => `${index === 0 ? '' : 'T* '}(${pdfText(line)}) Tj`)
    .join('\n');
  const stream = `BT\n/F1 11 Tf\n16 TL\n56 780 Td\n${text}\nET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, index) => {
    offsets.push(body.length);
    body += `${index + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  body += offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('');
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return body;
}
