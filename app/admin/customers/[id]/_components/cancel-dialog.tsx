'use client'

import { useState } from 'react'
import { ActionDialog } from '@/components/admin/action-dialog'
import { adminFetch } from '@/components/admin/admin-fetch'
import { useActionPreview } from '@/components/admin/use-action-preview'
import { LocalDate } from '@/components/ui/local-date'
import type { CancelPreview } from '@/lib/admin/cancel-subscription'
import type { Json } from '@/lib/http/json'

type Preview = Json<CancelPreview>

function Consequence({ preview }: { preview: Preview }) {
  const plan = preview.planName ?? 'The plan'
  if (preview.when === 'now') {
    return <p className="font-medium">{plan} ends now: the subscription is canceled at once, with no proration and no refund (refund an invoice separately if one is owed).</p>
  }
  return (
    <p className="font-medium">
      {plan} renews no more: it stays active until {preview.endsAt ? <LocalDate value={preview.endsAt} withTime /> : 'the end of the period'}, then ends. Nothing is charged or refunded.
    </p>
  )
}

/** Cancel the customer's subscription now or at the end of the period they paid for. */
export function CancelDialog({ userId }: { userId: string }) {
  const [opening, setOpening] = useState(0)
  const [when, setWhen] = useState<'now' | 'period_end'>('period_end')
  const url = `/api/admin/customers/${userId}/cancel`
  const preview = useActionPreview<Preview>(opening === 0 ? null : `${url}?when=${when}`, opening)
  return (
    <ActionDialog
      trigger="Cancel subscription…"
      title="Cancel the subscription"
      confirmLabel={when === 'now' ? 'Cancel now' : 'Cancel at period end'}
      onOpen={() => setOpening((count) => count + 1)}
      preview={preview.state === 'ready' ? { state: 'ready', content: <Consequence preview={preview.value} /> } : preview}
      onConfirm={async ({ reason, idempotencyKey }) => {
        const done = await adminFetch<Preview>(url, { method: 'POST', body: { when, reason, idempotencyKey } })
        return done.when === 'now' ? 'The subscription is canceled.' : 'The subscription ends at the period end.'
      }}
    >
      <fieldset className="space-y-1 text-sm">
        <legend className="mb-1">When</legend>
        {(['period_end', 'now'] as const).map((option) => (
          <label key={option} className="flex items-center gap-2">
            <input type="radio" name="when" value={option} checked={when === option} onChange={() => setWhen(option)} />
            {option === 'now' ? 'Now' : 'At the end of the period'}
          </label>
        ))}
      </fieldset>
    </ActionDialog>
  )
}
