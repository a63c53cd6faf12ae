'use client'

import { useRouter } from 'next/navigation'
import { useId, useState, useTransition, type FormEvent } from 'react'
import { Button } from '@/components/ui/button'
import { Card } from '@/components/ui/card'
import type { PlanChangeQuote } from '@/lib/billing/plan-change'
import { changePlanAction } from '../actions'
import { QuoteSummary } from './quote-summary'
import { requestSeatPreview } from './seat-preview-request'

interface Props {
  planName: string
  quantity: number
  inUse: number
}

/** Seats on a per-seat plan: preview the prorated charge of another count, confirm it, as with a plan change. */
export function PlanSeats({ planName, quantity, inUse }: Props) {
  const [wanted, setWanted] = useState(String(quantity))
  const [quote, setQuote] = useState<PlanChangeQuote | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [done, setDone] = useState<string | null>(null)
  const [pending, setPending] = useState<'preview' | 'confirm' | null>(null)
  const [, startTransition] = useTransition()
  const router = useRouter()
  const id = useId()

  function preview(event: FormEvent) {
    event.preventDefault()
    setError(null)
    setDone(null)
    setQuote(null)
    setPending('preview')
    requestSeatPreview(Number(wanted)).then(setQuote, (failure: Error) => setError(failure.message)).finally(() => setPending(null))
  }

  function confirm() {
    if (!quote) return
    setPending('confirm')
    startTransition(async () => {
      const result = await changePlanAction({ quoteId: quote.quoteId })
      setPending(null)
      if (!result.ok) return setError(result.error.message)
      setQuote(null)
      setDone(`You now have ${quote.toQuantity} seats.`)
      router.refresh()
    })
  }

  return (
    <Card title="Seats">
      <p className="mb-3 text-sm text-slate-600">
        {planName} is priced per seat. You pay for <strong data-testid="seats-paid">{quantity}</strong>; {inUse} in use.
      </p>
      {done && <p role="status" className="mb-3 rounded-lg bg-emerald-50 p-3 text-sm text-emerald-800">{done}</p>}
      <form onSubmit={preview} className="text-sm">
        <label htmlFor={id} className="mb-1 block font-medium">Seats</label>
        <div className="flex flex-wrap gap-2">
          <input
            id={id}
            type="number"
            min={1}
            max={500}
            value={wanted}
            onChange={(event) => setWanted(event.target.value)}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-error` : undefined}
            className={`w-24 rounded-lg border px-3 py-2 ${error ? 'border-red-600' : 'border-slate-300'}`}
          />
          <Button type="submit" variant="secondary" disabled={pending !== null || Number(wanted) === quantity}>
            {pending === 'preview' ? 'Calculating…' : 'Preview seat change'}
          </Button>
        </div>
        {error && <p id={`${id}-error`} className="mt-1 text-red-700">{error}</p>}
      </form>
      {quote && (
        <QuoteSummary
          quote={quote}
          pending={pending === 'confirm' ? 'confirm' : null}
          onConfirm={confirm}
          onSchedule={() => undefined}
          onCancel={() => setQuote(null)}
        />
      )}
    </Card>
  )
}
