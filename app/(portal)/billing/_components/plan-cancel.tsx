'use client'

import { useRouter } from 'next/navigation'
import { useState, useTransition } from 'react'
import { Button } from '@/components/ui/button'
import { cancelSubscriptionAction, resumeSubscriptionAction } from '../actions'
import { ShortDate } from './plan-short-date'

interface Props {
  planName: string
  cancelAtPeriodEnd: boolean
  periodEnd: string | null
}

/** Cancel at the period end with an optional reason, or resume before it ends. */
export function PlanCancel({ planName, cancelAtPeriodEnd, periodEnd }: Props) {
  const [open, setOpen] = useState(false)
  const [reason, setReason] = useState('')
  const [pending, startAction] = useTransition()
  const [message, setMessage] = useState<{ kind: 'error' | 'success'; text: string } | null>(null)
  const router = useRouter()

  function run(action: () => ReturnType<typeof resumeSubscriptionAction>, success: string) {
    setMessage(null)
    startAction(async () => {
      const result = await action()
      if (!result.ok) return setMessage({ kind: 'error', text: result.error.message })
      setOpen(false)
      setMessage({ kind: 'success', text: success })
      if (!result.data.applied) setTimeout(() => router.refresh(), 2_000)
      router.refresh()
    })
  }

  const until = periodEnd ? <> on <ShortDate value={periodEnd} /></> : null
  return (
    <div className="mt-4 border-t border-slate-100 pt-4 text-sm">
      {message && (
        <p role={message.kind === 'error' ? 'alert' : 'status'} className={`mb-3 rounded-lg p-3 ${message.kind === 'error' ? 'bg-red-50 text-red-800' : 'bg-emerald-50 text-emerald-800'}`}>
          {message.text}
        </p>
      )}
      {cancelAtPeriodEnd ? (
        <div className="flex flex-wrap items-center justify-between gap-3">
          <p>Your {planName} plan ends{until}. Resume it to keep it renewing.</p>
          <Button onClick={() => run(() => resumeSubscriptionAction({}), `Your ${planName} plan will keep renewing.`)} disabled={pending}>
            {pending ? 'Resuming…' : 'Resume subscription'}
          </Button>
        </div>
      ) : open ? (
        <form
          className="space-y-3"
          onSubmit={(event) => {
            event.preventDefault()
            run(() => cancelSubscriptionAction({ reason }), `Canceled. You keep ${planName} until the end of this period, and can resume until then.`)
          }}
        >
          <p>You keep {planName} until the end of the period you paid for{until}; nothing more is charged.</p>
          <label className="block">
            <span className="mb-1 block font-medium">Why are you leaving? (optional)</span>
            <textarea value={reason} onChange={(event) => setReason(event.target.value)} maxLength={500} rows={3} className="w-full rounded-lg border border-slate-300 p-2" />
          </label>
          <div className="flex flex-wrap gap-3">
            <Button type="submit" disabled={pending}>{pending ? 'Canceling…' : 'Cancel at period end'}</Button>
            <Button type="button" variant="secondary" onClick={() => setOpen(false)} disabled={pending}>Keep my plan</Button>
          </div>
        </form>
      ) : (
        <Button variant="secondary" onClick={() => setOpen(true)}>Cancel subscription</Button>
      )}
    </div>
  )
}
