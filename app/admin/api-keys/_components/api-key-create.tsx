'use client'

import { useRouter } from 'next/navigation'
import { useState, useTransition } from 'react'
import { adminFetch } from '@/components/admin/admin-fetch'
import { useHydrated } from '@/components/admin/use-hydrated'
import { Button } from '@/components/ui/button'
import type { CreatedApiKey } from '@/lib/api-keys/keys'
import type { Json } from '@/lib/http/json'

type Created = Json<CreatedApiKey>

/** Creates a server key and shows it this once, with a copy button; only its hash is kept. */
export function ApiKeyCreate() {
  const router = useRouter()
  const hydrated = useHydrated()
  const [name, setName] = useState('')
  const [created, setCreated] = useState<Created | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [copied, setCopied] = useState(false)
  const [pending, startTransition] = useTransition()

  const create = () =>
    startTransition(async () => {
      setError(null)
      setCopied(false)
      try {
        setCreated(await adminFetch<Created>('/api/admin/api-keys', { method: 'POST', body: { name } }))
        setName('')
        router.refresh()
      } catch (failure) {
        setError(`${(failure as Error).message} Nothing was created.`)
      }
    })

  return (
    <div className="space-y-3">
      <form
        className="flex flex-wrap items-end gap-2"
        onSubmit={(submit) => {
          submit.preventDefault()
          create()
        }}
      >
        <label className="flex min-w-60 flex-1 flex-col text-sm">
          Name (what will use it)
          <input disabled={!hydrated} value={name} onChange={(change) => setName(change.target.value)} required maxLength={100} placeholder="backend" className="mt-1 rounded border border-slate-300 px-2 py-1.5" />
        </label>
        <Button type="submit" disabled={pending || name.trim().length === 0}>
          {pending ? 'Creating…' : 'Create key'}
        </Button>
      </form>
      {error && (
        <p role="alert" className="rounded-lg bg-red-50 p-3 text-sm text-red-800">
          {error}
        </p>
      )}
      {created && (
        <div role="status" className="space-y-2 rounded-lg bg-emerald-50 p-3 text-sm text-emerald-900">
          <p>
            Key “{created.name}” created. Copy it now: it is shown only this once. Send it as <code>Authorization: Bearer …</code> to <code>POST /api/usage</code>.
          </p>
          <div className="flex flex-wrap items-center gap-2">
            <code className="rounded bg-white px-2 py-1 font-mono text-xs break-all" data-testid="new-api-key">
              {created.key}
            </code>
            <Button
              variant="secondary"
              onClick={async () => {
                await navigator.clipboard.writeText(created.key).then(
                  () => setCopied(true),
                  () => setError('Copying was refused by the browser; select the key and copy it by hand.'),
                )
              }}
            >
              {copied ? 'Copied' : 'Copy key'}
            </Button>
          </div>
        </div>
      )}
    </div>
  )
}
