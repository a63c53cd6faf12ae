// POST /api/webhooks/stripe – receive a Stripe event: verify, store once, apply
import { NextResponse } from 'next/server'
import { handleRoute, readTextWithLimit } from '@/lib/http/route'
import { receiveWebhook } from '@/lib/webhooks/receive'

const MAX_BODY_BYTES = 1024 * 1024

export const POST = handleRoute(async (request: Request) => {
  const rawBody = await readTextWithLimit(request, MAX_BODY_BYTES)
  const result = await receiveWebhook(rawBody, request.headers.get('stripe-signature'))
  return NextResponse.json({ received: true, ...result })
})
