'use client'

import { SegmentError } from '@/components/ui/segment-error'

export default function BillingError({ reset }: { error: Error; reset: () => void }) {
  return <SegmentError message="Your billing details could not be loaded. Please try again." reset={reset} />
}
