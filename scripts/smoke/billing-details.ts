// Reads the customer's billing details back through the billing API: what Stripe prints on their invoices.
import type { SmokeContext } from './context'
import { SmokeFailure } from './http'
import type { Check } from './report'

interface DetailsView {
  details: {
    name: string | null
    email: string | null
    address: { country: string | null } | null
    taxIds: { id: string; type: string; value: string }[]
  } | null
}

export const billingDetails = (ctx: SmokeContext, required: boolean): Check => ({
  name: 'billing details',
  run: async () => {
    const { details } = (await (await ctx.customer()).read('/api/billing/details')) as unknown as DetailsView
    if (details === undefined) throw new SmokeFailure('GET /api/billing/details has no details')
    if (details === null) {
      if (required) throw new SmokeFailure('the smoke customer has no Stripe customer to read billing details from')
      return 'no Stripe customer yet'
    }
    if (!Array.isArray(details.taxIds) || details.taxIds.some((taxId) => !taxId.id || !taxId.type || !taxId.value)) {
      throw new SmokeFailure(`the tax IDs are not a list of id, type and value: ${JSON.stringify(details.taxIds).slice(0, 200)}`)
    }
    const address = details.address ? `address in ${details.address.country ?? 'an unknown country'}` : 'no address'
    return `${details.email ?? 'no billing email'}; ${address}; ${details.taxIds.length} tax ID${details.taxIds.length === 1 ? '' : 's'}`
  },
})
