import type { InvoicePreview } from '@/lib/stripe/subscriptions'
import { formatMoney } from '@/lib/format'

/** The lines of Stripe's invoice preview (credit for unused time, the new plan's remaining time), to the cent. */
export function PreviewLines({ preview, className }: { preview: InvoicePreview; className: string }) {
  return (
    <ul className={className}>
      {preview.lines.map((line, index) => (
        <li key={index} className="flex justify-between gap-4">
          <span>{line.description}</span>
          <span className="tabular-nums">{formatMoney(line.amount, preview.currency)}</span>
        </li>
      ))}
    </ul>
  )
}
