'use client'

import { useState } from 'react'
import { ActionDialog } from '@/components/admin/action-dialog'
import { adminFetch } from '@/components/admin/admin-fetch'
import { useActionPreview } from '@/components/admin/use-action-preview'
import { LocalDate } from '@/components/ui/local-date'
import type { GraceActionPreview } from '@/lib/admin/grace-actions'
import type { Json } from '@/lib/http/json'
import { formatMoney } from '@/lib/format'

type Preview = Json<GraceActionPreview>

function Consequence({ preview, action }: { preview: Preview; action: 'extend' | 'end' }) {
  const owed = preview.amountDue !== null && preview.currency ? formatMoney(preview.amountDue, preview.currency) : 'The invoice'
  if (action === 'extend') {
    return (
      <p className="font-medium">
        The deadline moves from <LocalDate value={preview.endsAt} withTime /> to <LocalDate value={preview.endsAtAfter!} withTime />: the customer keeps their plan until then, their banner shows the new date and the reminders come before it.
      </p>
    )
  }
  return (
    <p className="font-medium">
      The grace period ends as a comp: the banner goes{preview.status === 'expired' ? ', the customer is no longer held to the free plan' : ''} and no reminder follows. {owed} stays unpaid in Stripe; void it or retry it separately.
    </p>
  )
}

/** Extend an open grace period by some days, or end it as a comp. */
export function GraceActionDialog({ userId, gracePeriodId, action }: { userId: string; gracePeriodId: string; action: 'extend' | 'end' }) {
  const [opening, setOpening] = useState(0)
  const [days, setDays] = useState('7')
  const url = `/api/admin/customers/${userId}/grace/${action}`
  const query = action === 'extend' ? `?gracePeriodId=${gracePeriodId}&days=${encodeURIComponent(days)}` : `?gracePeriodId=${gracePeriodId}`
  const preview = useActionPreview<Preview>(opening === 0 ? null : url + query, opening)
  return (
    <ActionDialog
      trigger={action === 'extend' ? 'Extend…' : 'End as comp…'}
      triggerLabel={action === 'extend' ? 'Extend the grace period' : 'End the grace period as a comp'}
      title={action === 'extend' ? 'Extend the grace period' : 'End the grace period as a comp'}
      confirmLabel={action === 'extend' ? `Extend by ${days} days` : 'End grace period'}
      onOpen={() => setOpening((count) => count + 1)}
      preview={preview.state === 'ready' ? { state: 'ready', content: <Consequence preview={preview.value} action={action} /> } : preview}
      onConfirm={async ({ reason, idempotencyKey }) => {
        const body = action === 'extend' ? { gracePeriodId, days: Number(days), reason, idempotencyKey } : { gracePeriodId, reason, idempotencyKey }
        const after = await adminFetch<Preview>(url, { method: 'POST', body })
        return action === 'extend' ? `Extended: the deadline is now ${new Date(after.endsAt).toLocaleString()}.` : 'The grace period is resolved as a comp.'
      }}
    >
      {action === 'extend' && (
        <label className="flex flex-col text-sm">
          Days to add (1–30)
          <input className="mt-1 rounded border border-slate-300 px-2 py-1" type="number" min={1} max={30} value={days} onChange={(event) => setDays(event.target.value)} required />
        </label>
      )}
    </ActionDialog>
  )
}
