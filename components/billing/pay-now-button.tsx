'use client'

import { useState, useTransition } from 'react'
import { Button } from '@/components/ui/button'
import type { ActionResult } from '@/lib/http/action'

type PayOutcome = 'paid' | 'declined'

const MESSAGES: Record<PayOutcome, string> = {
  paid: 'Payment received. Your plan is back to normal; this notice closes in a moment.',
  declined: 'Your card was declined. Update your card, then pay again.',
}

export function PayNowButton({ label, pay }: { label: string; pay: (input: Record<string, never>) => Promise<ActionResult<PayOutcome>> }) {
  const [pending, startTransition] = useTransition()
  const [result, setResult] = useState<ActionResult<PayOutcome> | null>(null)
  const onClick = () =>
    startTransition(async () => {
      setResult(await pay({}))
    })
  const message = result ? (result.ok ? MESSAGES[result.data] : result.error.message) : null
  const failed = result !== null && (!result.ok || result.data === 'declined')
  return (
    <div className="flex flex-col gap-2">
      <Button type="button" onClick={onClick} disabled={pending} aria-busy={pending}>
        {pending ? 'Paying…' : label}
      </Button>
      {message && (
        <p role={failed ? 'alert' : 'status'} className={`text-sm ${failed ? 'text-red-800' : 'text-emerald-800'}`}>
          {message}
        </p>
      )}
    </div>
  )
}
