'use client'

import { useState } from 'react'
import { useHydrated } from '@/components/admin/use-hydrated'
import { Button } from '@/components/ui/button'
import { LocalDate } from '@/components/ui/local-date'
import type { DeadEventJson } from './dead-letter-api'

interface Props {
  event: DeadEventJson
  canAct: boolean
  selected: boolean
  busy: boolean
  onSelect: (selected: boolean) => void
  onReplay: () => void
  onDiscard: (reason: string) => void
}

/** One dead event: its facts, its payload on demand, and replay / discard (discard asks for a reason first). */
export function DeadEventRow({ event, canAct, selected, busy, onSelect, onReplay, onDiscard }: Props) {
  const hydrated = useHydrated()
  const [discarding, setDiscarding] = useState(false)
  const [reason, setReason] = useState('')
  return (
    <li className="border-t border-slate-100 py-3" data-testid="dead-event" data-event-id={event.id}>
      <div className="flex flex-wrap items-start gap-3">
        {canAct && (
          <input type="checkbox" className="mt-1 size-4" checked={selected} disabled={!hydrated} onChange={(change) => onSelect(change.target.checked)} aria-label={`Select ${event.id}`} />
        )}
        <div className="min-w-0 flex-1 space-y-1 text-sm">
          <p className="font-mono text-xs break-all">
            <span className="font-semibold">{event.type}</span> · {event.id}
          </p>
          <p className="text-slate-600">
            {event.attempts} attempts · first <LocalDate value={event.receivedAt} withTime /> · last{' '}
            {event.lastAttemptAt ? <LocalDate value={event.lastAttemptAt} withTime /> : 'not recorded'}
          </p>
          <p className="text-red-700 break-words">{event.lastError ?? 'No error recorded.'}</p>
          <p className="text-slate-600" data-testid="dead-release">
            {event.deadRelease
              ? `Died under release ${event.deadRelease.slice(0, 12)}; the next release retries it once by itself.`
              : 'Died before releases were recorded; the next retry run tries it once more.'}
          </p>
          <details>
            <summary className="cursor-pointer text-indigo-700">Payload</summary>
            <pre className="mt-2 max-h-80 overflow-auto rounded bg-slate-50 p-3 text-xs">{JSON.stringify(event.payload, null, 2)}</pre>
          </details>
        </div>
        {canAct && (
        <div className="flex gap-2">
          <Button onClick={onReplay} disabled={!hydrated || busy} aria-label={`Replay ${event.id}`}>
            {busy ? 'Working…' : 'Replay'}
          </Button>
          <Button variant="secondary" onClick={() => setDiscarding(true)} disabled={!hydrated || busy || discarding} aria-label={`Discard ${event.id}`}>
            Discard
          </Button>
        </div>
        )}
      </div>
      {discarding && (
        <form
          className="mt-3 flex flex-wrap items-end gap-2 pl-7"
          onSubmit={(submit) => {
            submit.preventDefault()
            onDiscard(reason)
          }}
        >
          <label className="flex min-w-60 flex-1 flex-col text-sm">
            Why discard {event.id}? (kept on the audit log)
            <input className="mt-1 rounded border border-slate-300 px-2 py-1" value={reason} onChange={(change) => setReason(change.target.value)} minLength={3} maxLength={500} required />
          </label>
          <Button type="submit" disabled={busy || reason.trim().length < 3}>
            {busy ? 'Discarding…' : 'Confirm discard'}
          </Button>
          <Button type="button" variant="secondary" onClick={() => setDiscarding(false)}>
            Cancel
          </Button>
        </form>
      )}
    </li>
  )
}
