'use client'

import { useState } from 'react'
import { ActionDialog } from '@/components/admin/action-dialog'
import { adminFetch } from '@/components/admin/admin-fetch'
import { useActionPreview } from '@/components/admin/use-action-preview'
import { toMoneyInput } from '@/lib/admin/action-inputs'
import type { RefundPreview, RefundResult } from '@/lib/admin/refund'
import { formatMoney } from '@/lib/format'

/** Refund part or all of one paid invoice; the amount starts at all that is left to refund. */
export function RefundDialog({ userId, invoiceId, name }: { userId: string; invoiceId: string; name: string }) {
  const [opening, setOpening] = useState(0)
  const [amount, setAmount] = useState('')
  const base = `/api/admin/customers/${userId}/refund?invoiceId=${encodeURIComponent(invoiceId)}`
  const preview = useActionPreview<RefundPreview>(opening === 0 ? null : amount.trim() ? `${base}&amount=${encodeURIComponent(amount.trim())}` : base, opening)
  const money = (value: number) => (preview.state === 'ready' ? formatMoney(value, preview.value.currency) : '')

  return (
    <ActionDialog
      trigger="Refund…"
      triggerLabel={`Refund invoice ${name}`}
      title={`Refund invoice ${name}`}
      confirmLabel={preview.state === 'ready' ? `Refund ${money(preview.value.amount)}` : 'Refund'}
      onOpen={() => {
        setAmount('')
        setOpening((count) => count + 1)
      }}
      preview={
        preview.state !== 'ready'
          ? preview
          : {
              state: 'ready',
              content: (
                <>
                  <p className="font-medium">
                    {money(preview.value.amount)} goes back to the customer&apos;s payment method: Stripe issues a credit note for {money(preview.value.amount)} on invoice {name} and refunds it.
                  </p>
                  <p className="mt-1 text-slate-600">
                    Paid {money(preview.value.amountPaid)} · refunded before {money(preview.value.refundedBefore)} · left to refund after this {money(preview.value.refundableAfter)}
                  </p>
                </>
              ),
            }
      }
      onConfirm={async ({ reason, idempotencyKey }) => {
        if (preview.state !== 'ready') throw new Error('Wait for the figures before confirming.')
        const body = { invoiceId, amount: toMoneyInput(preview.value.amount, preview.value.currency), reason, idempotencyKey }
        const result = await adminFetch<RefundResult>(`/api/admin/customers/${userId}/refund`, { method: 'POST', body })
        return `Refunded ${formatMoney(result.amount, result.currency)} (credit note ${result.creditNoteId}). It is on the audit log.`
      }}
    >
      <label className="flex flex-col text-sm">
        Amount to refund (empty: all that is left)
        <input className="mt-1 rounded border border-slate-300 px-2 py-1" inputMode="decimal" value={amount} onChange={(event) => setAmount(event.target.value)} placeholder="e.g. 12.50" />
      </label>
    </ActionDialog>
  )
}
