import type { ReactNode } from 'react'
import { SubmitButton } from '@/components/billing/submit-button'
import { Card } from '@/components/ui/card'
import { updateCardAction } from '../actions'

export function PaymentMethodCard({ justUpdated, children }: { justUpdated: boolean; children?: ReactNode }) {
  return (
    <Card title="Payment method">
      {justUpdated && (
        <p role="status" className="mb-4 rounded-lg bg-emerald-50 p-3 text-sm text-emerald-800">
          Your card was updated. Confirm your change again, or pay the open invoice, to use it.
        </p>
      )}
      {children && <div className="mb-3">{children}</div>}
      <form action={updateCardAction} className="flex flex-wrap items-center justify-between gap-4">
        <p className="text-sm text-slate-600">Replace the card your subscription is charged to, on Stripe&apos;s secure page.</p>
        <SubmitButton variant="secondary" pendingLabel="Opening…">
          Update card
        </SubmitButton>
      </form>
    </Card>
  )
}
