import type { Viewer } from '@/lib/auth/claims'
import { getCardOnFile, type CardSummary } from '@/lib/billing/card-on-file'
import { logger } from '@/lib/log'

const BRAND: Record<string, string> = { visa: 'Visa', mastercard: 'Mastercard', amex: 'American Express', discover: 'Discover' }

/**
 * Starts reading the card on file from Stripe, for the page to begin before its own queries; undefined when
 * Stripe cannot be reached, which must not break the page.
 */
export function loadCardOnFile(viewer: Viewer): Promise<CardSummary | null | undefined> {
  return getCardOnFile(viewer).catch((error: unknown) => {
    logger.warn({ err: error }, 'card on file unavailable')
    return undefined
  })
}

/** The card on file, shown as the page streams once Stripe answers. */
export async function CardOnFile({ card: loading }: { card: Promise<CardSummary | null | undefined> }) {
  const card = await loading
  if (card === undefined) return <p className="text-sm text-slate-600">Your card details cannot be shown right now; you can still replace the card.</p>
  if (card === null) return <p className="text-sm text-slate-600">No card on file.</p>
  return (
    <p className="text-sm" data-testid="card-on-file">
      <span className="font-medium">{BRAND[card.brand] ?? card.brand}</span> ending in {card.last4}, expires {String(card.expMonth).padStart(2, '0')}/{card.expYear}
    </p>
  )
}
