// POST /api/webhooks/stripe – receive a Stripe event: verify, store once, apply
import { NextResponse } from 'next/server'
import { AppError } from '@/lib/http/errors'
import { handleRoute } from '@/lib/http/route'
import { receiveWebhook } from '@/lib/webhooks/receive'

const MAX_BODY_BYTES = 1024 * 1024

export const POST = handleRoute(async (request: Request) => {
  const declaredLength = Number(request.headers.get('content-length') ?? 0)
  if (declaredLength > MAX_BODY_BYTES) throw new AppError('payload_too_large', 'Webhook bodies are limited to 1 MiB.', 413)
  const rawBody = await request.text()
  if (Buffer.byteLength(rawBody) > MAX_BODY_BYTES) throw new AppError('payload_too_large', 'Webhook bodies are limited to 1 MiB.', 413)
  const result = await receiveWebhook(rawBody, request.headers.get('stripe-signature'))
  return NextResponse.json({ received: true, ...result })
})
