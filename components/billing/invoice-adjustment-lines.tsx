import type { InvoiceSummary } from '@/lib/billing/queries'
import { formatMoney } from '@/lib/format'

/** Under an invoice's total: what was refunded of it and the credit notes issued against it (a void one says so). */
export function InvoiceAdjustmentLines({ invoice }: { invoice: InvoiceSummary }) {
  if (invoice.refunded === 0 && invoice.creditNotes.length === 0) return null
  return (
    <ul className="mt-1 space-y-0.5 text-xs text-slate-600" data-testid="invoice-adjustments">
      {invoice.refunded > 0 && <li>Refunded {formatMoney(invoice.refunded, invoice.currency)}</li>}
      {invoice.creditNotes.map((note) => (
        <li key={note.id}>
          Credit note {note.number} {formatMoney(note.total, invoice.currency)}
          {note.status === 'void' && ' (void)'}
        </li>
      ))}
    </ul>
  )
}
