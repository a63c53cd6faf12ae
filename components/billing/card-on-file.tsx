import type { Viewer } from '@/lib/auth/claims'
import { getCardOnFile } from '@/lib/billing/card-on-file'
import { logger } from '@/lib/log'

const BRAND: Record<string, string> = { visa: 'Visa', mastercard: 'Mastercard', amex: 'American Express', discover: 'Discover' }

/** The card on file, read from Stripe as the page streams; Stripe being unreachable must not break the page. */
export async function CardOnFile({ viewer }: { viewer: Viewer }) {
  const card = await getCardOnFile(viewer).catch((error: unknown) => {
    logger.warn({ err: error }, 'card on file unavailable')
    return undefined
  })
  if (card === undefined) return <p className="text-sm text-slate-600">Your card details cannot be shown right now; you can still replace the card.</p>
  if (card === null) return <p className="text-sm text-slate-600">No card on file.</p>
  return (
    <p className="text-sm" data-testid="card-on-file">
      <span className="font-medium">{BRAND[card.brand] ?? card.brand}</span> ending in {card.last4}, expires {String(card.expMonth).padStart(2, '0')}/{card.expYear}
    </p>
  )
}
