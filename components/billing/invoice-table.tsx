import { Card } from '@/components/ui/card'
import { LocalDate } from '@/components/ui/local-date'
import type { InvoiceSummary } from '@/lib/billing/queries'
import { formatMoney } from '@/lib/format'

export function InvoiceTable({ invoices }: { invoices: InvoiceSummary[] }) {
  return (
    <Card title="Invoices">
      {invoices.length === 0 ? (
        <p className="text-slate-600">No invoices yet.</p>
      ) : (
        <table className="w-full text-left text-sm">
          <thead className="text-slate-500">
            <tr>
              <th className="py-2 font-medium">Date</th>
              <th className="py-2 font-medium">Number</th>
              <th className="py-2 text-right font-medium">Total</th>
              <th className="py-2 pl-6 font-medium">Status</th>
              <th className="py-2 font-medium">
                <span className="sr-only">Links</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {invoices.map((invoice) => (
              <tr key={invoice.id} className="border-t border-slate-100">
                <td className="py-2">
                  <LocalDate value={invoice.createdAt} />
                </td>
                <td className="py-2 font-mono text-xs">{invoice.number ?? invoice.id}</td>
                <td className="py-2 text-right tabular-nums">{formatMoney(invoice.total, invoice.currency)}</td>
                <td className="py-2 pl-6 capitalize">{invoice.status}</td>
                <td className="py-2 text-right">
                  {invoice.hostedInvoiceUrl && (
                    <a href={invoice.hostedInvoiceUrl} className="text-indigo-600 hover:underline" aria-label={`View invoice ${invoice.number ?? invoice.id}`}>
                      View
                    </a>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Card>
  )
}
