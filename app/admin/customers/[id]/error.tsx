'use client'

import { SegmentError } from '@/components/ui/segment-error'

export default function CustomerError({ reset }: { error: Error; reset: () => void }) {
  return <SegmentError message="The customer could not be loaded. Try again; if it keeps failing, check the server logs." reset={reset} />
}
