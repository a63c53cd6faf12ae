'use client'

import { SegmentError } from '@/components/ui/segment-error'

export default function AdminError({ reset }: { error: Error; reset: () => void }) {
  return <SegmentError message="This admin page could not be loaded. Please try again." reset={reset} />
}
