'use client'

import { useRouter } from 'next/navigation'
import { useState, useTransition } from 'react'
import type { ActionResult } from '@/lib/http/action'

type Move = { now: string; offsetDays: number }
type MoveAction = (input: Record<string, never>) => Promise<ActionResult<Move>>

/** Demo mode only: moves the app's clock and the demo customers' Stripe test clocks together. */
export function DemoClockControl({ offsetDays, advance, reset }: { offsetDays: number; advance: MoveAction; reset: MoveAction }) {
  const router = useRouter()
  const [pending, startTransition] = useTransition()
  const [message, setMessage] = useState<{ text: string; failed: boolean } | null>(null)
  const run = (action: MoveAction) =>
    startTransition(async () => {
      const result = await action({})
      if (!result.ok) return setMessage({ text: result.error.message, failed: true })
      const days = result.data.offsetDays
      setMessage({ text: days === 0 ? 'The demo clock is back to real time.' : `The demo clock now runs ${days} days ahead. Renewals and grace deadlines in between have run.`, failed: false })
      router.refresh()
    })
  return (
    <section aria-label="Demo clock" className="mb-6 flex flex-wrap items-center gap-3 rounded-lg border border-dashed border-amber-400 bg-amber-50/50 px-4 py-2 text-sm">
      <span className="font-medium text-amber-900">Demo clock: {offsetDays === 0 ? 'real time' : `${offsetDays} days ahead`}</span>
      <button type="button" disabled={pending} aria-busy={pending} onClick={() => run(advance)} className="rounded-md bg-amber-800 px-3 py-1 font-medium text-white hover:bg-amber-700 disabled:bg-amber-400">
        {pending ? 'Moving…' : 'Advance 8 days'}
      </button>
      {offsetDays !== 0 && (
        <button type="button" disabled={pending} onClick={() => run(reset)} className="rounded-md border border-amber-600 px-3 py-1 font-medium text-amber-900 hover:bg-amber-100 disabled:opacity-50">
          Back to real time
        </button>
      )}
      {message && (
        <p role={message.failed ? 'alert' : 'status'} className={message.failed ? 'text-red-800' : 'text-amber-900'}>
          {message.text}
        </p>
      )}
    </section>
  )
}
