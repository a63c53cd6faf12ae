'use client'

import { useState } from 'react'
import { ActionDialog } from '@/components/admin/action-dialog'
import { adminFetch } from '@/components/admin/admin-fetch'
import { useActionPreview } from '@/components/admin/use-action-preview'
import type { InvoiceAction, InvoiceActionPreview, InvoiceActionResult } from '@/lib/admin/invoice-actions'
import { formatMoney } from '@/lib/format'

const COPY: Record<InvoiceAction, { path: string; trigger: string; title: (name: string) => string; confirm: string }> = {
  pay: { path: 'pay', trigger: 'Retry payment…', title: (name) => `Retry payment of invoice ${name}`, confirm: 'Charge now' },
  void: { path: 'void', trigger: 'Void…', title: (name) => `Void invoice ${name}`, confirm: 'Void invoice' },
  mark_uncollectible: { path: 'mark-uncollectible', trigger: 'Mark uncollectible…', title: (name) => `Mark invoice ${name} uncollectible`, confirm: 'Mark uncollectible' },
}

function describe(preview: InvoiceActionPreview, name: string): string {
  const owed = formatMoney(preview.amountRemaining, preview.currency)
  if (preview.action === 'pay') {
    return `${owed} is charged to ${preview.card?.brand ?? 'the card'} •••• ${preview.card?.last4 ?? '????'} now. If the card is declined, the invoice stays ${preview.status} and the attempt is recorded.`
  }
  if (preview.action === 'void') return `Invoice ${name} becomes void: the customer no longer owes ${owed} and Stripe stops collecting it. This cannot be undone.`
  return `Invoice ${name} is marked uncollectible: Stripe stops collecting ${owed} and it counts as bad debt. It can still be paid or voided later.`
}

function outcomeOf(result: InvoiceActionResult, name: string): string {
  if (result.outcome === 'declined') return `The card was declined (${result.declineMessage}); invoice ${name} stays ${result.statusAfter}. The attempt is on the audit log.`
  if (result.outcome === 'paid') return `Paid: ${formatMoney(result.amountRemaining, result.currency)} charged. It is on the audit log.`
  return `Invoice ${name} is now ${result.statusAfter}. It is on the audit log.`
}

/** Retry payment, void or mark uncollectible one open invoice. */
export function InvoiceActionDialog({ userId, invoiceId, name, action }: { userId: string; invoiceId: string; name: string; action: InvoiceAction }) {
  const [opening, setOpening] = useState(0)
  const copy = COPY[action]
  const url = `/api/admin/customers/${userId}/${copy.path}`
  const preview = useActionPreview<InvoiceActionPreview>(opening === 0 ? null : `${url}?invoiceId=${encodeURIComponent(invoiceId)}`, opening)
  return (
    <ActionDialog
      trigger={copy.trigger}
      triggerLabel={copy.title(name)}
      title={copy.title(name)}
      confirmLabel={copy.confirm}
      onOpen={() => setOpening((count) => count + 1)}
      preview={preview.state === 'ready' ? { state: 'ready', content: <p className="font-medium">{describe(preview.value, name)}</p> } : preview}
      onConfirm={async ({ reason, idempotencyKey }) =>
        outcomeOf(await adminFetch<InvoiceActionResult>(url, { method: 'POST', body: { invoiceId, reason, idempotencyKey } }), name)
      }
    />
  )
}
