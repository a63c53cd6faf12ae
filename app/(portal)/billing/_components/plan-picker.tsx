'use client'

import { useRouter } from 'next/navigation'
import { useMemo, useState, useTransition } from 'react'
import { Card } from '@/components/ui/card'
import type { Plan } from '@/lib/billing/plans'
import type { CheckoutQuote } from '@/lib/billing/checkout-preview'
import { changePlanAction, scheduleDowngradeAction, startCheckoutAction } from '../actions'
import { requestCheckoutPreview } from './checkout-preview-request'
import { CheckoutSummary } from './checkout-summary'
import { PlanCard } from './plan-card'
import { PlanIntervalToggle, type Interval } from './plan-interval-toggle'
import { isCodeRefusal, usePlanPreview } from './plan-preview-query'
import { PromotionCodeField } from './promotion-code-field'
import { QuoteSummary } from './quote-summary'

interface Props {
  plans: Plan[]
  current: { priceId: string; interval: string } | null
  /** Why plans cannot change right now (a scheduled change or a pending cancellation), if so. */
  lockedReason: string | null
}

/** One card per product: its price in the chosen interval, or its only price when it has no other. */
function plansFor(plans: Plan[], interval: Interval): Plan[] {
  const byProduct = new Map<string, Plan>()
  for (const plan of plans) {
    const chosen = byProduct.get(plan.productId)
    if (!chosen || (chosen.interval !== interval && plan.interval === interval)) byProduct.set(plan.productId, plan)
  }
  return [...byProduct.values()].sort((a, b) => a.tier - b.tier)
}

export function PlanPicker({ plans, current, lockedReason }: Props) {
  const hasBoth = plans.some((plan) => plan.interval === 'year') && plans.some((plan) => plan.interval === 'month')
  const [interval, setInterval] = useState<Interval>(current?.interval === 'year' ? 'year' : 'month')
  const [selected, setSelected] = useState<string | null>(null)
  const [message, setMessage] = useState<{ kind: 'error' | 'success'; text: string } | null>(null)
  const [pending, setPending] = useState<'confirm' | 'schedule' | 'checkout' | null>(null)
  const [, startTransition] = useTransition()
  const router = useRouter()
  const currentPriceId = current?.priceId ?? null
  const [code, setCode] = useState<string | null>(null)
  const [codeError, setCodeError] = useState<string | null>(null)
  const [checkoutQuote, setCheckoutQuote] = useState<CheckoutQuote | null>(null)
  const preview = usePlanPreview(currentPriceId, selected, code)
  // A refused code is said under its field, and the preview goes back to the price without it.
  if (code && isCodeRefusal(preview.error)) {
    setCodeError(preview.error.message)
    setCode(null)
  }
  const visible = useMemo(() => plansFor(plans, interval), [plans, interval])
  // A message about a scheduled change or cancellation is stale once that is undone.
  const [seenLock, setSeenLock] = useState(lockedReason)
  if (seenLock !== lockedReason) {
    setSeenLock(lockedReason)
    if (!lockedReason) setMessage(null)
  }

  function goToCheckout(priceId: string) {
    setPending('checkout')
    setSelected(priceId)
    startTransition(async () => {
      const result = await startCheckoutAction({ priceId, promotionCode: code })
      if (result.ok) return window.location.assign(result.data.url)
      if (result.error.code.startsWith('promotion_code_')) {
        setCodeError(result.error.message)
        setCode(null)
        setCheckoutQuote(null)
      } else setMessage({ kind: 'error', text: result.error.message })
      setPending(null)
    })
  }

  function choose(plan: Plan) {
    setMessage(null)
    if (currentPriceId) return setSelected(plan.priceId)
    if (!code) return goToCheckout(plan.priceId)
    // With a code, Stripe prices the first invoice first, so the customer sees what it takes off before paying.
    setPending('checkout')
    setSelected(plan.priceId)
    setCheckoutQuote(null)
    requestCheckoutPreview(plan.priceId, code).then(
      (quote) => setCheckoutQuote(quote),
      (error: Error) => (isCodeRefusal(error) ? (setCodeError(error.message), setCode(null)) : setMessage({ kind: 'error', text: error.message })),
    ).finally(() => setPending(null))
  }

  function finish(text: string) {
    setSelected(null)
    setPending(null)
    setMessage({ kind: 'success', text })
    // Quotes were priced against the plan that just changed.
    preview.forget()
    router.refresh()
  }

  function confirm() {
    const quote = preview.data
    if (!quote) return
    setPending('confirm')
    startTransition(async () => {
      const result = await changePlanAction({ quoteId: quote.quoteId })
      if (!result.ok) {
        setMessage({ kind: 'error', text: result.error.message })
        setPending(null)
        // After a declined card the same quote can be confirmed again once the card is fixed.
        if (result.error.code !== 'card_declined') setSelected(null)
        return
      }
      if (!result.data.applied) {
        // Stripe has not reported the change yet; look again shortly rather than show the old plan as final.
        for (const delay of [2_000, 5_000, 10_000]) setTimeout(() => router.refresh(), delay)
        return finish(`Your change to ${quote.to.name} is confirmed and will show here in a moment.`)
      }
      finish(`You are now on ${quote.to.name}.`)
    })
  }

  function schedule() {
    const quote = preview.data
    if (!quote) return
    setPending('schedule')
    startTransition(async () => {
      const result = await scheduleDowngradeAction({ priceId: quote.to.priceId })
      if (!result.ok) {
        setMessage({ kind: 'error', text: result.error.message })
        return setPending(null)
      }
      finish(`Your plan changes to ${result.data.toPlanName} at the end of this period. You keep ${quote.from.name} until then.`)
    })
  }

  const previewError = isCodeRefusal(preview.error) ? undefined : preview.error?.message
  const codeField = (
    <PromotionCodeField
      applied={currentPriceId ? (code && preview.data?.promotionCode ? preview.data.promotionCode.code : null) : code}
      error={codeError}
      busy={Boolean(code) && preview.isFetching}
      appliedNote={currentPriceId ? undefined : 'applies to the plan you choose.'}
      onApply={(typed) => {
        setCodeError(null)
        setCode(typed.toUpperCase())
      }}
      onRemove={() => {
        setCode(null)
        setCheckoutQuote(null)
      }}
    />
  )
  return (
    <Card title={currentPriceId ? 'Change plan' : 'Choose a plan'}>
      {(message?.kind === 'error' || previewError) && (
        <p role="alert" className="mb-4 rounded-lg bg-red-50 p-3 text-sm text-red-800">{message?.kind === 'error' ? message.text : previewError}</p>
      )}
      {message?.kind === 'success' && <p role="status" className="mb-4 rounded-lg bg-emerald-50 p-3 text-sm text-emerald-800">{message.text}</p>}
      {lockedReason && <p className="mb-4 text-sm text-slate-600">{lockedReason}</p>}
      {!currentPriceId && <p className="mb-4 text-sm text-slate-600">You pay on Stripe&apos;s secure checkout page and come straight back here.</p>}
      {!currentPriceId && <div className="mb-4">{codeField}</div>}
      {hasBoth && <PlanIntervalToggle value={interval} onChange={setInterval} />}
      <ul className="grid gap-4 sm:grid-cols-3">
        {visible.map((plan) => {
          const isSelected = plan.priceId === selected
          const busy = isSelected && (pending === 'checkout' ? (code && !checkoutQuote ? 'Calculating…' : 'Opening checkout…') : preview.isFetching && !preview.data ? 'Calculating…' : null)
          return (
            <PlanCard
              key={plan.priceId}
              plan={plan}
              current={plan.priceId === currentPriceId}
              selected={isSelected}
              verb={currentPriceId ? 'Switch to' : 'Subscribe to'}
              busyLabel={busy || null}
              disabled={Boolean(lockedReason) || pending !== null}
              onChoose={() => choose(plan)}
            />
          )
        })}
      </ul>
      {currentPriceId && selected && preview.data && (
        <QuoteSummary
          quote={preview.data}
          codeField={codeField}
          pending={pending === 'confirm' || pending === 'schedule' ? pending : null}
          onConfirm={confirm}
          onSchedule={schedule}
          onCancel={() => setSelected(null)}
        />
      )}
      {!currentPriceId && checkoutQuote && (
        <CheckoutSummary
          quote={checkoutQuote}
          pending={pending === 'checkout'}
          onContinue={() => goToCheckout(checkoutQuote.plan.priceId)}
          onCancel={() => {
            setCheckoutQuote(null)
            setSelected(null)
          }}
        />
      )}
    </Card>
  )
}
