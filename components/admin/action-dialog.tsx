'use client'

import { useRouter } from 'next/navigation'
import { useId, useRef, useState, type ReactNode } from 'react'
import { useHydrated } from '@/components/admin/use-hydrated'
import { Button } from '@/components/ui/button'

/** The server's account of exactly what the action will do, as the dialog shows it. */
export type ActionPreview = { state: 'loading' } | { state: 'ready'; content: ReactNode } | { state: 'error'; message: string }

interface Props {
  /** The button that opens the dialog, and its accessible name when the text alone is ambiguous. */
  trigger: string
  triggerLabel?: string
  title: string
  confirmLabel: string
  /** Fields the action needs besides the reason (an amount), shown above the preview. */
  children?: ReactNode
  preview: ActionPreview
  onOpen?: () => void
  /** Acts; answers the sentence to show once done. The key was made when the dialog opened. */
  onConfirm: (confirmation: { reason: string; idempotencyKey: string }) => Promise<string>
}

type Outcome = { tone: 'ok' | 'error'; text: string } | null

/**
 * An admin action behind a modal confirmation: what will happen (from the server), a required reason, and one
 * idempotency key per opening, so a double click or a retry of the same confirmation acts once.
 */
export function ActionDialog({ trigger, triggerLabel, title, confirmLabel, children, preview, onOpen, onConfirm }: Props) {
  const router = useRouter()
  const hydrated = useHydrated()
  const dialog = useRef<HTMLDialogElement>(null)
  const titleId = useId()
  const [key, setKey] = useState('')
  const [reason, setReason] = useState('')
  const [pending, setPending] = useState(false)
  const [outcome, setOutcome] = useState<Outcome>(null)
  // The page catches up once the dialog closes: refreshed while open, a row the action changed (an invoice
  // no longer open) could leave the page, and take this dialog and its outcome with it.
  const acted = useRef(false)

  const open = () => {
    setKey(crypto.randomUUID())
    setReason('')
    setOutcome(null)
    onOpen?.()
    dialog.current?.showModal()
  }
  const confirm = async () => {
    setPending(true)
    try {
      setOutcome({ tone: 'ok', text: await onConfirm({ reason: reason.trim(), idempotencyKey: key }) })
      acted.current = true
    } catch (error) {
      setOutcome({ tone: 'error', text: error instanceof Error ? error.message : 'The action failed.' })
    } finally {
      setPending(false)
    }
  }
  const refreshIfActed = () => {
    if (!acted.current) return
    acted.current = false
    router.refresh()
  }
  const done = outcome?.tone === 'ok'

  return (
    <>
      <Button variant="secondary" onClick={open} disabled={!hydrated} aria-label={triggerLabel}>
        {trigger}
      </Button>
      <dialog ref={dialog} aria-labelledby={titleId} onClose={refreshIfActed} className="m-auto w-full max-w-lg rounded-xl p-0 shadow-xl backdrop:bg-slate-900/40">
        <form method="dialog" className="space-y-4 p-6" onSubmit={(event) => { event.preventDefault(); if (!done) void confirm() }}>
          <h2 id={titleId} className="text-lg font-semibold">{title}</h2>
          {!done && children}
          <div role="status" aria-live="polite" className="rounded-lg bg-slate-50 p-3 text-sm" data-testid="action-preview">
            {preview.state === 'loading' ? 'Working out exactly what will happen…' : preview.state === 'error' ? <span className="text-red-800">{preview.message}</span> : preview.content}
          </div>
          {!done && (
            <label className="flex flex-col text-sm">
              Reason (kept on the audit log)
              <textarea className="mt-1 rounded border border-slate-300 px-2 py-1" value={reason} onChange={(event) => setReason(event.target.value)} minLength={3} maxLength={500} required rows={2} />
            </label>
          )}
          {outcome && (
            <p role={outcome.tone === 'ok' ? 'status' : 'alert'} className={`rounded-lg p-3 text-sm ${outcome.tone === 'ok' ? 'bg-emerald-50 text-emerald-800' : 'bg-red-50 text-red-800'}`}>
              {outcome.text}
            </p>
          )}
          <div className="flex flex-wrap justify-end gap-2">
            <Button type="button" variant="secondary" onClick={() => dialog.current?.close()} disabled={pending}>
              {done ? 'Close' : 'Cancel'}
            </Button>
            {!done && (
              <Button type="submit" disabled={pending || preview.state !== 'ready' || reason.trim().length < 3} aria-busy={pending}>
                {pending ? 'Working…' : confirmLabel}
              </Button>
            )}
          </div>
        </form>
      </dialog>
    </>
  )
}
