'use client'

import { useRouter } from 'next/navigation'
import { useEffect } from 'react'

/**
 * Back from Checkout: Stripe reports the new subscription by webhook, usually within a second or two, so the
 * page looks again until it is there.
 */
export function PlanCheckoutReturn({ outcome, subscribed }: { outcome: 'success' | 'canceled'; subscribed: boolean }) {
  const router = useRouter()
  const waiting = outcome === 'success' && !subscribed
  useEffect(() => {
    if (!waiting) return
    const timer = setInterval(() => router.refresh(), 1_500)
    return () => clearInterval(timer)
  }, [waiting, router])

  if (outcome === 'canceled') {
    return <p role="status" className="rounded-lg bg-slate-100 p-3 text-sm text-slate-700">Checkout was canceled and nothing was charged. Choose a plan to try again.</p>
  }
  return (
    <p role="status" className="rounded-lg bg-emerald-50 p-3 text-sm text-emerald-800">
      {subscribed ? 'Thank you! Your subscription is active.' : 'Payment received. Your subscription will show here in a moment…'}
    </p>
  )
}
