'use client'

import { Button } from './button'

/** The body of a segment's error.tsx: what failed, in words, and a way to try again. */
export function SegmentError({ message, reset }: { message: string; reset: () => void }) {
  return (
    <div role="alert" className="rounded-xl border border-red-200 bg-red-50 p-6">
      <p className="mb-4 text-red-800">{message}</p>
      <Button onClick={reset}>Try again</Button>
    </div>
  )
}
