'use client'

import { useRouter } from 'next/navigation'
import { useState, useTransition } from 'react'
import { Button } from '@/components/ui/button'
import { undoScheduledChangeAction } from '../actions'
import { ShortDate } from './plan-short-date'

/** "Changes to Free on 12 Dec", with the way back. */
export function PlanScheduledChange({ toPlanName, effectiveAt }: { toPlanName: string; effectiveAt: string }) {
  const [undoing, startUndo] = useTransition()
  const [error, setError] = useState<string | null>(null)
  const router = useRouter()

  function undo() {
    setError(null)
    startUndo(async () => {
      const result = await undoScheduledChangeAction({})
      if (!result.ok) return setError(result.error.message)
      router.refresh()
    })
  }

  return (
    <div className="mt-4 flex flex-wrap items-center justify-between gap-3 rounded-lg bg-amber-50 p-3 text-sm text-amber-900">
      <p data-testid="scheduled-change">
        Changes to <strong>{toPlanName}</strong> on <ShortDate value={effectiveAt} />
      </p>
      <Button variant="secondary" onClick={undo} disabled={undoing}>
        {undoing ? 'Undoing…' : `Undo change to ${toPlanName}`}
      </Button>
      {error && <p role="alert" className="w-full text-red-800">{error} Reload the page and try again.</p>}
    </div>
  )
}
