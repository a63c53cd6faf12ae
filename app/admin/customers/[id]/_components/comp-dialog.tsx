'use client'

import { useState } from 'react'
import { ActionDialog } from '@/components/admin/action-dialog'
import { adminFetch } from '@/components/admin/admin-fetch'
import { useActionPreview } from '@/components/admin/use-action-preview'
import { LocalDate } from '@/components/ui/local-date'
import type { CompPreview } from '@/lib/admin/comp-subscription'
import type { Json } from '@/lib/http/json'
import { formatMoney } from '@/lib/format'

type Preview = Json<CompPreview>

function Consequence({ preview }: { preview: Preview }) {
  const price = preview.unitAmount !== null && preview.currency ? `${formatMoney(preview.unitAmount, preview.currency)} / ${preview.interval}` : 'its price'
  return (
    <p className="font-medium">
      Every invoice of {preview.planName ?? 'the plan'} ({price}) in the next {preview.months} month{preview.months === 1 ? '' : 's'} is free (a 100 % coupon
      that replaces any discount the subscription has)
      {preview.nextRenewal ? (
        <>
          , starting with the renewal on <LocalDate value={preview.nextRenewal} />
        </>
      ) : null}
      . Nothing already paid is refunded; after that the customer pays {price} again.
    </p>
  )
}

/** Comp the customer's plan for some months with a 100 % repeating coupon. */
export function CompDialog({ userId }: { userId: string }) {
  const [opening, setOpening] = useState(0)
  const [months, setMonths] = useState('1')
  const url = `/api/admin/customers/${userId}/comp`
  const preview = useActionPreview<Preview>(opening === 0 ? null : `${url}?months=${encodeURIComponent(months)}`, opening)
  return (
    <ActionDialog
      trigger="Comp plan…"
      title="Comp the plan"
      confirmLabel={`Comp ${months} month${months === '1' ? '' : 's'}`}
      onOpen={() => setOpening((count) => count + 1)}
      preview={preview.state === 'ready' ? { state: 'ready', content: <Consequence preview={preview.value} /> } : preview}
      onConfirm={async ({ reason, idempotencyKey }) => {
        const done = await adminFetch<Preview>(url, { method: 'POST', body: { months: Number(months), reason, idempotencyKey } })
        return `Comped: ${done.months} month${done.months === 1 ? '' : 's'} free. It is on the audit log.`
      }}
    >
      <label className="flex flex-col text-sm">
        Months free (1–24)
        <input className="mt-1 rounded border border-slate-300 px-2 py-1" type="number" min={1} max={24} value={months} onChange={(event) => setMonths(event.target.value)} required />
      </label>
    </ActionDialog>
  )
}
