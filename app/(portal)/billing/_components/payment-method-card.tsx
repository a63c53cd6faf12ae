import { Button } from '@/components/ui/button'
import { Card } from '@/components/ui/card'
import { updateCardAction } from '../actions'

export function PaymentMethodCard({ justUpdated }: { justUpdated: boolean }) {
  return (
    <Card title="Payment method">
      {justUpdated && (
        <p role="status" className="mb-4 rounded-lg bg-emerald-50 p-3 text-sm text-emerald-800">
          Your card was updated. Confirm your change again, or pay the open invoice, to use it.
        </p>
      )}
      <form action={updateCardAction} className="flex items-center justify-between gap-4">
        <p className="text-sm text-slate-600">Replace the card your subscription is charged to, on Stripe&apos;s secure page.</p>
        <Button type="submit" variant="secondary">
          Update card
        </Button>
      </form>
    </Card>
  )
}
