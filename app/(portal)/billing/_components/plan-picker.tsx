'use client'

import { useRouter } from 'next/navigation'
import { useState, useTransition } from 'react'
import { Button } from '@/components/ui/button'
import { Card } from '@/components/ui/card'
import type { Plan } from '@/lib/billing/plans'
import type { PlanChangeQuote } from '@/lib/billing/plan-change'
import { formatMoney } from '@/lib/format'
import { changePlanAction } from '../actions'
import { QuoteSummary } from './quote-summary'

type State =
  | { step: 'choose'; message?: string }
  | { step: 'previewing'; priceId: string }
  | { step: 'review'; quote: PlanChangeQuote }

async function requestPreview(priceId: string): Promise<PlanChangeQuote> {
  const response = await fetch('/api/billing/preview', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ priceId }),
  })
  const body = await response.json()
  if (!response.ok) throw new Error(body?.error?.message ?? 'The preview failed. Please try again.')
  return body as PlanChangeQuote
}

export function PlanPicker({ plans, currentPriceId }: { plans: Plan[]; currentPriceId: string | null }) {
  const [state, setState] = useState<State>({ step: 'choose' })
  const [error, setError] = useState<string | null>(null)
  const [confirming, startConfirm] = useTransition()
  const router = useRouter()

  async function preview(priceId: string) {
    setError(null)
    setState({ step: 'previewing', priceId })
    try {
      setState({ step: 'review', quote: await requestPreview(priceId) })
    } catch (failure) {
      setError((failure as Error).message)
      setState({ step: 'choose' })
    }
  }

  function confirm(quote: PlanChangeQuote) {
    startConfirm(async () => {
      const result = await changePlanAction({ quoteId: quote.quoteId })
      if (!result.ok) {
        setError(result.error.message)
        // After a declined card the same quote can be confirmed again once the card is fixed.
        if (result.error.code !== 'card_declined') setState({ step: 'choose' })
        return
      }
      if (result.data.applied) {
        setState({ step: 'choose', message: `You are now on ${quote.to.name}.` })
      } else {
        // Stripe has not reported the change yet; look again shortly rather than show the old plan as final.
        setState({ step: 'choose', message: `Your change to ${quote.to.name} is confirmed and will show here in a moment.` })
        for (const delay of [2_000, 5_000, 10_000]) setTimeout(() => router.refresh(), delay)
      }
      router.refresh()
    })
  }

  return (
    <Card title="Change plan">
      {error && <p role="alert" className="mb-4 rounded-lg bg-red-50 p-3 text-sm text-red-800">{error}</p>}
      {state.step === 'choose' && state.message && <p role="status" className="mb-4 rounded-lg bg-emerald-50 p-3 text-sm text-emerald-800">{state.message}</p>}
      {state.step === 'review' ? (
        <QuoteSummary quote={state.quote} confirming={confirming} onConfirm={() => confirm(state.quote)} onCancel={() => setState({ step: 'choose' })} />
      ) : (
        <ul className="grid gap-4 sm:grid-cols-3">
          {plans.map((plan) => {
            const current = plan.priceId === currentPriceId
            return (
              <li key={plan.priceId} className="flex flex-col rounded-lg border border-slate-200 p-4">
                <p className="font-semibold">{plan.name}</p>
                <p className="text-sm text-slate-600">{plan.description}</p>
                <p className="my-3 text-xl font-semibold">
                  {formatMoney(plan.unitAmount, plan.currency)}
                  <span className="text-sm font-normal text-slate-500"> / {plan.interval}</span>
                </p>
                <Button
                  variant={current ? 'secondary' : 'primary'}
                  disabled={current || !currentPriceId || state.step === 'previewing'}
                  onClick={() => preview(plan.priceId)}
                  aria-label={current ? `${plan.name} is your current plan` : `Switch to ${plan.name}`}
                  className="mt-auto"
                >
                  {current ? 'Current plan' : state.step === 'previewing' && state.priceId === plan.priceId ? 'Calculating…' : `Switch to ${plan.name}`}
                </Button>
              </li>
            )
          })}
        </ul>
      )}
    </Card>
  )
}
