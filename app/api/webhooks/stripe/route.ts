// POST /api/webhooks/stripe – receive a Stripe event: verify and store it, answer, then apply it
import { after, NextResponse } from 'next/server'
import { handleRoute, readTextWithLimit } from '@/lib/http/route'
import { drainReceivedEvents } from '@/lib/webhooks/drain'
import { acceptWebhook } from '@/lib/webhooks/receive'

const MAX_BODY_BYTES = 1024 * 1024

export const POST = handleRoute(async (request: Request) => {
  const rawBody = await readTextWithLimit(request, MAX_BODY_BYTES)
  const result = await acceptWebhook(rawBody, request.headers.get('stripe-signature'))
  // Stripe waits for nothing but the store; the event is applied once the answer has gone out.
  if (result.outcome === 'received') after(drainReceivedEvents)
  return NextResponse.json({ received: true, ...result })
})
