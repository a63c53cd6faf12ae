'use client'

import { useId, useState, type FormEvent } from 'react'
import { Button } from '@/components/ui/button'

interface Props {
  /** The code applied to the preview, or null. */
  applied: string | null
  /** Why the last code was refused, shown under the field. */
  error: string | null
  busy: boolean
  /** What is said of an applied code; before Checkout it is checked once a plan is chosen. */
  appliedNote?: string
  onApply: (code: string) => void
  onRemove: () => void
}

/** Type a promotion code, apply it to the preview; a refusal is said under the field. */
export function PromotionCodeField({ applied, error, busy, appliedNote = 'applied.', onApply, onRemove }: Props) {
  const [typed, setTyped] = useState('')
  const id = useId()
  const errorId = `${id}-error`
  function submit(event: FormEvent) {
    event.preventDefault()
    if (typed.trim()) onApply(typed.trim())
  }
  if (applied) {
    return (
      <p role="status" className="flex flex-wrap items-center gap-3 text-sm">
        <span>Promotion code <strong>{applied}</strong> {appliedNote}</span>
        <Button type="button" variant="secondary" onClick={onRemove} disabled={busy} aria-label={`Remove promotion code ${applied}`}>Remove</Button>
      </p>
    )
  }
  return (
    <form onSubmit={submit} className="text-sm">
      <label htmlFor={id} className="mb-1 block font-medium">Promotion code</label>
      <div className="flex flex-wrap gap-2">
        <input
          id={id}
          name="promotionCode"
          value={typed}
          onChange={(event) => setTyped(event.target.value)}
          autoComplete="off"
          spellCheck={false}
          maxLength={64}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
          className={`w-48 rounded-lg border px-3 py-2 uppercase ${error ? 'border-red-600' : 'border-slate-300'}`}
        />
        <Button type="submit" variant="secondary" disabled={busy || !typed.trim()}>{busy ? 'Checking…' : 'Apply'}</Button>
      </div>
      {error && <p id={errorId} className="mt-1 text-red-700">{error}</p>}
    </form>
  )
}
