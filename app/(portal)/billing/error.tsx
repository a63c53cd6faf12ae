'use client'

import { Button } from '@/components/ui/button'

export default function BillingError({ reset }: { error: Error; reset: () => void }) {
  return (
    <div role="alert" className="rounded-xl border border-red-200 bg-red-50 p-6">
      <p className="mb-4 text-red-800">Your billing details could not be loaded. Please try again.</p>
      <Button onClick={reset}>Try again</Button>
    </div>
  )
}
