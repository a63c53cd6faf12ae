'use client'

import { Button } from '@/components/ui/button'
import { LocalDate } from '@/components/ui/local-date'
import type { PlanChangeQuote } from '@/lib/billing/plan-change'
import { formatMoney } from '@/lib/format'

interface Props {
  quote: PlanChangeQuote
  confirming: boolean
  onConfirm: () => void
  onCancel: () => void
}

export function QuoteSummary({ quote, confirming, onConfirm, onCancel }: Props) {
  const { preview } = quote
  const money = (amount: number) => formatMoney(amount, preview.currency)
  const credit = preview.total < 0
  return (
    <div aria-label="Plan change preview" role="region">
      <p className="mb-3">
        From <strong>{quote.from.name}</strong> to <strong>{quote.to.name}</strong>, prorated to{' '}
        <LocalDate value={quote.prorationDate} withTime />.
      </p>
      <table className="mb-4 w-full text-sm">
        <tbody>
          {preview.lines.map((line, index) => (
            <tr key={index} className="border-t border-slate-100">
              <td className="py-2">{line.description}</td>
              <td className="py-2 text-right tabular-nums">{money(line.amount)}</td>
            </tr>
          ))}
          {preview.startingBalance !== 0 && (
            <tr className="border-t border-slate-100">
              <td className="py-2">Account balance applied</td>
              <td className="py-2 text-right tabular-nums">{money(preview.startingBalance)}</td>
            </tr>
          )}
        </tbody>
      </table>
      <p className="mb-4 text-lg font-semibold">
        Due today: <span data-testid="preview-amount-due">{money(preview.amountDue)}</span>
      </p>
      {credit && (
        <p className="mb-4 text-sm text-slate-600">
          {money(-preview.total)} of unused time becomes account credit toward your next invoices.
        </p>
      )}
      <div className="flex gap-3">
        <Button onClick={onConfirm} disabled={confirming}>
          {confirming ? 'Confirming…' : `Confirm change to ${quote.to.name}`}
        </Button>
        <Button variant="secondary" onClick={onCancel} disabled={confirming}>
          Cancel
        </Button>
      </div>
    </div>
  )
}
