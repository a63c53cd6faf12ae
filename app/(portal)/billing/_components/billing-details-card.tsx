import { Suspense } from 'react'
import { Card, Skeleton } from '@/components/ui/card'
import type { Viewer } from '@/lib/auth/claims'
import { getBillingDetails, type BillingDetails } from '@/lib/billing/billing-details'
import { logger } from '@/lib/log'
import { BillingDetailsEditor } from './billing-details-editor'

/**
 * Starts reading the billing details from Stripe, where they live (so invoices and this page never disagree),
 * for the page to begin before its own queries; undefined when Stripe cannot be reached.
 */
export function loadBillingDetails(viewer: Viewer): Promise<BillingDetails | null | undefined> {
  return getBillingDetails(viewer).catch((error: unknown) => {
    logger.warn({ err: error }, 'billing details unavailable')
    return undefined
  })
}

async function BillingDetailsBody({ details: loading }: { details: Promise<BillingDetails | null | undefined> }) {
  const details = await loading
  if (details === undefined) return <p className="text-sm text-slate-600">Your billing details cannot be shown right now. Please try again in a moment.</p>
  if (details === null) return <p className="text-sm text-slate-600">Your billing details can be added once you have chosen a plan.</p>
  return <BillingDetailsEditor initial={details} />
}

/** Name, billing email, address and tax IDs: what Stripe prints on the customer's invoices. */
export function BillingDetailsCard({ details }: { details: Promise<BillingDetails | null | undefined> }) {
  return (
    <Card title="Billing details">
      <Suspense fallback={<Skeleton className="h-24 w-full max-w-md" />}>
        <BillingDetailsBody details={details} />
      </Suspense>
    </Card>
  )
}
