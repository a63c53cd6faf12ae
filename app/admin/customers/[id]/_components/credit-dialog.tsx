'use client'

import { useState } from 'react'
import { ActionDialog } from '@/components/admin/action-dialog'
import { adminFetch } from '@/components/admin/admin-fetch'
import { useActionPreview } from '@/components/admin/use-action-preview'
import { moneyInput, toMoneyInput } from '@/lib/admin/action-inputs'
import type { CreditPreview, CreditResult } from '@/lib/admin/credit'
import { formatMoney } from '@/lib/format'

/** Stripe's balance is what the customer owes; below zero it is credit. */
function describeBalance(balance: number, currency: string): string {
  if (balance === 0) return 'nothing'
  return balance < 0 ? `${formatMoney(-balance, currency)} in credit` : `${formatMoney(balance, currency)} owed`
}

/** Credit the customer's balance; Stripe takes it off their next invoices. */
export function CreditDialog({ userId }: { userId: string }) {
  const [opening, setOpening] = useState(0)
  const [amount, setAmount] = useState('')
  const valid = moneyInput.safeParse(amount).success
  const preview = useActionPreview<CreditPreview>(opening > 0 && valid ? `/api/admin/customers/${userId}/credit?amount=${encodeURIComponent(amount.trim())}` : null, opening)
  const shown = !valid ? ({ state: 'error', message: 'Enter the amount to credit, such as 10.00.' } as const) : preview

  return (
    <ActionDialog
      trigger="Credit balance…"
      title="Credit the customer's balance"
      confirmLabel={shown.state === 'ready' ? `Credit ${formatMoney(shown.value.amount, shown.value.currency)}` : 'Credit'}
      onOpen={() => {
        setAmount('')
        setOpening((count) => count + 1)
      }}
      preview={
        shown.state !== 'ready'
          ? shown
          : {
              state: 'ready',
              content: (
                <>
                  <p className="font-medium">
                    {formatMoney(shown.value.amount, shown.value.currency)} is added to the customer&apos;s balance and taken off their next invoices; nothing is charged or refunded now.
                  </p>
                  <p className="mt-1 text-slate-600">
                    Balance now {describeBalance(shown.value.balanceBefore, shown.value.currency)} · after this {describeBalance(shown.value.balanceAfter, shown.value.currency)}
                  </p>
                </>
              ),
            }
      }
      onConfirm={async ({ reason, idempotencyKey }) => {
        if (shown.state !== 'ready') throw new Error('Wait for the figures before confirming.')
        const body = { amount: toMoneyInput(shown.value.amount, shown.value.currency), reason, idempotencyKey }
        const result = await adminFetch<CreditResult>(`/api/admin/customers/${userId}/credit`, { method: 'POST', body })
        return `Credited ${formatMoney(result.amount, result.currency)}; the balance is now ${describeBalance(result.balanceAfter, result.currency)}. It is on the audit log.`
      }}
    >
      <label className="flex flex-col text-sm">
        Amount to credit
        <input className="mt-1 rounded border border-slate-300 px-2 py-1" inputMode="decimal" value={amount} onChange={(event) => setAmount(event.target.value)} placeholder="e.g. 10.00" required />
      </label>
    </ActionDialog>
  )
}
