'use client'

import { useRouter } from 'next/navigation'
import { useState, useTransition } from 'react'
import { adminFetch } from '@/components/admin/admin-fetch'
import { useHydrated } from '@/components/admin/use-hydrated'
import { Button } from '@/components/ui/button'

/** Revoke asks once more before it acts: a revoked key stops working at once and cannot be restored. */
export function ApiKeyRevoke({ id, name }: { id: string; name: string }) {
  const router = useRouter()
  const hydrated = useHydrated()
  const [confirming, setConfirming] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [pending, startTransition] = useTransition()

  const revoke = () =>
    startTransition(async () => {
      try {
        await adminFetch(`/api/admin/api-keys/${id}/revoke`, { method: 'POST', body: {} })
        router.refresh()
      } catch (failure) {
        setError(`${(failure as Error).message} Reload to see the key's current state.`)
      }
    })

  if (!confirming) {
    return (
      <Button variant="secondary" onClick={() => setConfirming(true)} disabled={!hydrated} aria-label={`Revoke ${name}`}>
        Revoke
      </Button>
    )
  }
  return (
    <span className="flex flex-wrap items-center gap-2 text-sm">
      <span>Revoke “{name}”? Calls using it fail at once.</span>
      <Button onClick={revoke} disabled={pending}>
        {pending ? 'Revoking…' : 'Yes, revoke'}
      </Button>
      <Button variant="secondary" onClick={() => setConfirming(false)} disabled={pending}>
        Keep it
      </Button>
      {error && (
        <span role="alert" className="text-red-700">
          {error}
        </span>
      )}
    </span>
  )
}
