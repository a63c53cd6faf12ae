'use client'

import { useRouter } from 'next/navigation'
import { useState } from 'react'
import { adminFetch } from '@/components/admin/admin-fetch'
import { Button } from '@/components/ui/button'
import type { GraceEnforcementState } from '@/lib/admin/overview-enforcement'

type Stage = { kind: 'idle' } | { kind: 'confirming' } | { kind: 'saving' } | { kind: 'done'; message: string } | { kind: 'failed'; message: string }

const CONSEQUENCE = {
  on: 'Customers whose grace period expired unpaid will be held to the free plan’s quotas again.',
  off: 'Customers whose grace period expired unpaid keep their plan’s quotas until you turn enforcement back on. Grace periods are still tracked.',
}

/** `canAct` is false for the read-only support role: the state shows, the switch does not. */
export function GraceEnforcementSwitch({ on, source, canAct }: GraceEnforcementState & { canAct: boolean }) {
  const router = useRouter()
  const [stage, setStage] = useState<Stage>({ kind: 'idle' })
  const target = !on
  const verb = target ? 'Turn enforcement on' : 'Turn enforcement off'

  async function confirm() {
    setStage({ kind: 'saving' })
    try {
      await adminFetch('/api/admin/settings/grace-enforcement', { method: 'POST', body: { on: target } })
      setStage({ kind: 'done', message: `Grace enforcement is now ${target ? 'on' : 'off'}. The change is in the audit log.` })
      router.refresh()
    } catch (error) {
      setStage({ kind: 'failed', message: `${error instanceof Error ? error.message : 'The switch could not be changed.'} Nothing changed; try again.` })
    }
  }

  return (
    <div className="space-y-3">
      <p className="text-sm">
        Grace enforcement is <strong data-testid="grace-enforcement-state">{on ? 'on' : 'off'}</strong>{' '}
        <span className="text-slate-500">({source === 'admin' ? 'set by an admin' : 'from GRACE_ENFORCEMENT'})</span>
      </p>
      {!canAct ? null : stage.kind === 'confirming' || stage.kind === 'saving' ? (
        <div role="group" aria-label="Confirm grace enforcement change" className="space-y-3 rounded-lg border border-amber-300 bg-amber-50 p-4">
          <p className="text-sm text-amber-900">{CONSEQUENCE[target ? 'on' : 'off']}</p>
          <div className="flex flex-wrap gap-2">
            <Button onClick={confirm} disabled={stage.kind === 'saving'} aria-busy={stage.kind === 'saving'}>
              {stage.kind === 'saving' ? 'Saving…' : `Confirm: ${verb.toLowerCase()}`}
            </Button>
            <Button variant="secondary" onClick={() => setStage({ kind: 'idle' })} disabled={stage.kind === 'saving'}>
              Cancel
            </Button>
          </div>
        </div>
      ) : (
        <Button variant="secondary" onClick={() => setStage({ kind: 'confirming' })}>
          {verb}
        </Button>
      )}
      {stage.kind === 'done' && (
        <p role="status" className="text-sm text-emerald-800">
          {stage.message}
        </p>
      )}
      {stage.kind === 'failed' && (
        <p role="alert" className="text-sm text-red-800">
          {stage.message}
        </p>
      )}
    </div>
  )
}
