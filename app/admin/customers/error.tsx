'use client'

import { SegmentError } from '@/components/ui/segment-error'

export default function CustomersError({ reset }: { error: Error; reset: () => void }) {
  return <SegmentError message="The customers could not be loaded. Try again; if it keeps failing, check the server logs." reset={reset} />
}
