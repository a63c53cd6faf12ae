'use client'

import { SegmentError } from '@/components/ui/segment-error'

export default function AuditError({ reset }: { error: Error; reset: () => void }) {
  return <SegmentError message="The audit log could not be loaded. Check the filters, then try again." reset={reset} />
}
