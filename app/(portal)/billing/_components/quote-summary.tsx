'use client'

import type { ReactNode } from 'react'
import { DiscountTerms } from '@/components/billing/discount-terms'
import { PreviewLines } from '@/components/billing/preview-lines'
import { Button } from '@/components/ui/button'
import { LocalDate } from '@/components/ui/local-date'
import type { PlanChangeQuote } from '@/lib/billing/plan-change'
import { formatMoney } from '@/lib/format'

interface Props {
  quote: PlanChangeQuote
  /** Where the customer types a promotion code for this change. */
  codeField?: ReactNode
  pending: 'confirm' | 'schedule' | null
  onConfirm: () => void
  onSchedule: () => void
  onCancel: () => void
}

function Row({ label, amount, testId }: { label: React.ReactNode; amount: string; testId?: string }) {
  return (
    <div className="flex justify-between gap-4 border-t border-slate-100 py-2">
      <dt>{label}</dt>
      <dd className="text-right tabular-nums" data-testid={testId}>{amount}</dd>
    </div>
  )
}

export function QuoteSummary({ quote, codeField, pending, onConfirm, onSchedule, onCancel }: Props) {
  const { preview, from, to } = quote
  const money = (amount: number) => formatMoney(amount, preview.currency)
  const credit = preview.lines.filter((line) => line.amount < 0).reduce((sum, line) => sum + line.amount, 0)
  const charge = preview.lines.filter((line) => line.amount > 0).reduce((sum, line) => sum + line.amount, 0)
  const tax = preview.tax ?? 0
  const discount = preview.discount ?? 0
  const code = quote.promotionCode
  const seats = quote.fromQuantity !== quote.toQuantity
  const seatsOf = (count: number) => (count === 1 ? '1 seat' : `${count} seats`)
  const fromLabel = seats ? seatsOf(quote.fromQuantity) : from.name
  const toLabel = seats ? seatsOf(quote.toQuantity) : to.name
  return (
    <div aria-label={seats ? 'Seat change preview' : 'Plan change preview'} role="region" className="mt-6 rounded-lg border border-indigo-200 bg-indigo-50/40 p-4">
      <p className="mb-3">
        {seats ? (
          <>From <strong>{fromLabel}</strong> to <strong>{toLabel}</strong> on {to.name}</>
        ) : (
          <>From <strong>{from.name}</strong> ({from.interval}ly) to <strong>{to.name}</strong> ({to.interval}ly)</>
        )}
        , prorated to <LocalDate value={quote.prorationDate} withTime />.
      </p>
      <PreviewLines preview={preview} className="mb-3 text-sm text-slate-600" />
      <dl className="mb-4 text-sm">
        <Row label={`Credit for unused time on ${fromLabel}`} amount={money(credit)} testId="preview-credit" />
        <Row label={`Charge for ${toLabel}`} amount={money(charge)} testId="preview-charge" />
        {code && (
          <div className="flex justify-between gap-4 border-t border-slate-100 py-2" data-testid="preview-discount">
            <dt>Promotion code {code.code}: <DiscountTerms coupon={code.coupon} /></dt>
            <dd className="text-right tabular-nums">{discount > 0 ? money(-discount) : 'in the amounts above'}</dd>
          </div>
        )}
        {tax !== 0 && <Row label="Tax" amount={money(tax)} />}
        {preview.startingBalance !== 0 && <Row label="Account balance applied" amount={money(preview.startingBalance)} />}
        <div className="flex justify-between gap-4 border-t border-slate-300 py-2 text-lg font-semibold">
          <dt>Due today</dt>
          <dd className="tabular-nums" data-testid="preview-amount-due">{money(preview.amountDue)}</dd>
        </div>
        <Row
          label={<>Next invoice, on <LocalDate value={quote.nextInvoice.date} /></>}
          amount={money(quote.nextInvoice.amount)}
          testId="preview-next-invoice"
        />
      </dl>
      <div className="mb-4">{codeField}</div>
      {preview.total < 0 && (
        <p className="mb-4 text-sm text-slate-600">{money(-preview.total)} of unused time becomes account credit toward your next invoices.</p>
      )}
      <div className="flex flex-wrap gap-3">
        <Button onClick={onConfirm} disabled={pending !== null}>
          {pending === 'confirm' ? 'Confirming…' : seats ? `Confirm ${toLabel}` : quote.downgrade ? `Change to ${to.name} now` : `Confirm change to ${to.name}`}
        </Button>
        {quote.downgrade && quote.periodEnd && (
          <Button variant="secondary" onClick={onSchedule} disabled={pending !== null} aria-label={`Change to ${to.name} at the end of the period`}>
            {pending === 'schedule' ? 'Scheduling…' : <>Change on <LocalDate value={quote.periodEnd} /></>}
          </Button>
        )}
        <Button variant="secondary" onClick={onCancel} disabled={pending !== null}>
          Keep {fromLabel}
        </Button>
      </div>
    </div>
  )
}
