'use client'

import { useRouter } from 'next/navigation'
import { useEffect } from 'react'

const EVERY_MS = 3_000

/** Re-renders the page from the server every few seconds while mounted, e.g. until a paid invoice lifts a banner. */
export function RefreshWhileShown() {
  const router = useRouter()
  useEffect(() => {
    const timer = setInterval(() => router.refresh(), EVERY_MS)
    return () => clearInterval(timer)
  }, [router])
  return null
}
