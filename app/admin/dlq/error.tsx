'use client'

import { SegmentError } from '@/components/ui/segment-error'

export default function DlqError({ reset }: { error: Error; reset: () => void }) {
  return <SegmentError message="The dead-letter queue could not be loaded. Try again; if it keeps failing, check the server logs." reset={reset} />
}
