'use client'

import { SegmentError } from '@/components/ui/segment-error'

export default function WebhooksError({ reset }: { error: Error; reset: () => void }) {
  return <SegmentError message="The webhook events could not be loaded. Try again; if it keeps failing, check the server logs." reset={reset} />
}
