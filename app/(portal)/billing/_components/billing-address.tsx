import { countryName } from '@/lib/billing/countries'
import type { PostalAddress } from '@/lib/billing/billing-details'

/** An address as it is printed on an invoice, one line each. */
export function BillingAddress({ address }: { address: PostalAddress | null }) {
  if (!address) return <span className="text-slate-600">No address yet</span>
  const cityLine = [address.postalCode, address.city, address.state].filter(Boolean).join(' ')
  const lines = [address.line1, address.line2, cityLine, address.country ? countryName(address.country) : null].filter(Boolean)
  return (
    <address className="not-italic" data-testid="billing-address">
      {lines.map((line) => (
        <span key={line} className="block">
          {line}
        </span>
      ))}
    </address>
  )
}
