'use client'

import { useState } from 'react'
import { ActionDialog } from '@/components/admin/action-dialog'
import { adminFetch } from '@/components/admin/admin-fetch'
import { useActionPreview } from '@/components/admin/use-action-preview'
import { PreviewLines } from '@/components/billing/preview-lines'
import { LocalDate } from '@/components/ui/local-date'
import type { PlanChangeQuote } from '@/lib/billing/plan-change'
import type { Plan } from '@/lib/billing/plans'
import { formatMoney } from '@/lib/format'

function Consequence({ quote }: { quote: PlanChangeQuote }) {
  const { preview, from, to } = quote
  const money = (amount: number) => formatMoney(amount, preview.currency)
  return (
    <div className="space-y-2">
      <p>
        From <strong>{from.name}</strong> ({money(from.unitAmount)} / {from.interval}) to <strong>{to.name}</strong> ({money(to.unitAmount)} / {to.interval}),
        prorated to <LocalDate value={quote.prorationDate} withTime />:
      </p>
      <PreviewLines preview={preview} className="text-slate-700" />
      <p className="font-medium" data-testid="admin-plan-amount-due">
        {preview.amountDue > 0 ? `The customer is charged ${money(preview.amountDue)} now, on the card they have on file.` : 'Nothing is charged now.'}
        {preview.total < 0 ? ` ${money(-preview.total)} of credit pays toward their next invoices.` : ''} Their next invoice is{' '}
        {money(quote.nextInvoice.amount)} on <LocalDate value={quote.nextInvoice.date} />.
      </p>
    </div>
  )
}

/** Move the customer to another plan now, with the exact prorated preview the customer would see. */
export function PlanChangeDialog({ userId, plans, currentPriceId }: { userId: string; plans: Plan[]; currentPriceId: string }) {
  const choices = plans.filter((plan) => plan.priceId !== currentPriceId)
  const [opening, setOpening] = useState(0)
  const [priceId, setPriceId] = useState(choices[0]?.priceId ?? '')
  const url = `/api/admin/customers/${userId}/plan`
  const preview = useActionPreview<PlanChangeQuote>(opening === 0 || !priceId ? null : `${url}?priceId=${encodeURIComponent(priceId)}`, opening)
  if (choices.length === 0) return null
  return (
    <ActionDialog
      trigger="Change plan…"
      title="Change the plan"
      confirmLabel={`Move to ${choices.find((plan) => plan.priceId === priceId)?.name ?? 'this plan'}`}
      onOpen={() => setOpening((count) => count + 1)}
      preview={preview.state === 'ready' ? { state: 'ready', content: <Consequence quote={preview.value} /> } : preview}
      onConfirm={async ({ reason, idempotencyKey }) => {
        if (preview.state !== 'ready') throw new Error('Wait for the preview, then confirm.')
        const done = await adminFetch<{ applied: boolean }>(url, { method: 'POST', body: { quoteId: preview.value.quoteId, reason, idempotencyKey } })
        const plan = preview.value.to.name
        return done.applied ? `The customer is now on ${plan}. It is on the audit log.` : `The change to ${plan} is confirmed and shows here once Stripe reports it.`
      }}
    >
      <label className="flex flex-col text-sm">
        New plan
        <select className="mt-1 rounded border border-slate-300 px-2 py-1" value={priceId} onChange={(event) => setPriceId(event.target.value)}>
          {choices.map((plan) => (
            <option key={plan.priceId} value={plan.priceId}>
              {plan.name} · {formatMoney(plan.unitAmount, plan.currency)} / {plan.interval}
            </option>
          ))}
        </select>
      </label>
    </ActionDialog>
  )
}
