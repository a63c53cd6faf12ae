import Link from 'next/link'
import { Card } from '@/components/ui/card'
import { LocalDate } from '@/components/ui/local-date'
import { invoiceDisplayStatus } from '@/lib/billing/invoice-adjustments'
import type { InvoiceSummary } from '@/lib/billing/queries'
import { formatMoney } from '@/lib/format'
import { InvoiceAdjustmentLines } from './invoice-adjustment-lines'

const STATUS_LABEL: Record<string, string> = { open: 'Open', paid: 'Paid', void: 'Void', uncollectible: 'Uncollectible', refunded: 'Refunded' }
const STATUS_STYLE: Record<string, string> = { open: 'bg-amber-100 text-amber-900', paid: 'bg-emerald-100 text-emerald-900' }

function InvoiceRow({ invoice }: { invoice: InvoiceSummary }) {
  const name = invoice.number ?? invoice.id
  const status = invoiceDisplayStatus(invoice)
  return (
    <tr className="border-t border-slate-100" data-testid="invoice-row">
      <td className="py-2 pr-3">
        <LocalDate value={invoice.createdAt} />
      </td>
      <td className="py-2 pr-3 font-mono text-xs break-all">{name}</td>
      <td className="py-2 text-right tabular-nums">
        {formatMoney(invoice.total, invoice.currency)}
        <InvoiceAdjustmentLines invoice={invoice} />
      </td>
      <td className="py-2 pl-4">
        <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${STATUS_STYLE[status] ?? 'bg-slate-100 text-slate-800'}`}>
          {STATUS_LABEL[status] ?? status}
        </span>
      </td>
      <td className="py-2 pl-3 text-right whitespace-nowrap">
        {invoice.hostedInvoiceUrl && (
          <a href={invoice.hostedInvoiceUrl} target="_blank" rel="noreferrer" className="text-indigo-700 hover:underline" aria-label={`View invoice ${name}`}>
            View
          </a>
        )}
        {invoice.invoicePdf && (
          <a href={invoice.invoicePdf} target="_blank" rel="noreferrer" className="ml-3 text-indigo-700 hover:underline" aria-label={`Download invoice ${name} as PDF`}>
            PDF
          </a>
        )}
      </td>
    </tr>
  )
}

/** One page of invoices; older pages are `?invoices=<cursor>`, so each page is a plain server-rendered link. */
export function InvoiceTable({ invoices, nextCursor, isFirstPage = true }: { invoices: InvoiceSummary[]; nextCursor?: string | null; isFirstPage?: boolean }) {
  return (
    <Card title="Invoices">
      {invoices.length === 0 ? (
        <p className="text-slate-600">{isFirstPage ? 'No invoices yet. Your first one appears here when your plan is billed.' : 'No older invoices.'}</p>
      ) : (
        <div className="relative -mx-2 overflow-x-auto px-2">
          <table className="w-full min-w-[30rem] text-left text-sm">
            <thead className="text-slate-600">
              <tr>
                <th className="py-2 font-medium">Date</th>
                <th className="py-2 font-medium">Number</th>
                <th className="py-2 text-right font-medium">Total</th>
                <th className="py-2 pl-4 font-medium">Status</th>
                <th className="py-2 font-medium">
                  <span className="sr-only">Links</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {invoices.map((invoice) => (
                <InvoiceRow key={invoice.id} invoice={invoice} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {(nextCursor || !isFirstPage) && (
        <nav aria-label="Invoice pages" className="mt-4 flex gap-4 text-sm">
          {!isFirstPage && (
            <Link href="/billing#invoices" className="text-indigo-700 hover:underline">
              Newest invoices
            </Link>
          )}
          {nextCursor && (
            <Link href={`/billing?invoices=${encodeURIComponent(nextCursor)}#invoices`} className="text-indigo-700 hover:underline">
              Older invoices
            </Link>
          )}
        </nav>
      )}
    </Card>
  )
}
