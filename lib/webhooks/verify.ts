import 'server-only'
import type Stripe from 'stripe'
import { z } from 'zod'
import { webhookSecrets } from '@/lib/env'
import { AppError } from '@/lib/http/errors'
import { getStripe } from '@/lib/stripe/client'

export const SIGNATURE_TOLERANCE_SECONDS = 300

const eventShape = z.object({
  id: z.string().startsWith('evt_'),
  object: z.literal('event'),
  type: z.string().min(1),
  created: z.number().int().positive(),
  data: z.object({ object: z.looseObject({ object: z.string() }) }),
})

/**
 * Verifies Stripe-Signature against each configured secret (two during a secret roll) with Stripe's own
 * verifier, which accepts any matching v1 signature within the tolerance.
 */
export async function verifyStripeEvent(rawBody: string, signature: string | null, secrets = webhookSecrets): Promise<Stripe.Event> {
  if (!signature) throw new AppError('missing_signature', 'The Stripe-Signature header is missing.', 400)
  let event: Stripe.Event | null = null
  for (const secret of secrets) {
    try {
      event = await getStripe().webhooks.constructEventAsync(rawBody, signature, secret, SIGNATURE_TOLERANCE_SECONDS)
      break
    } catch {
      // try the next secret
    }
  }
  if (!event) throw new AppError('invalid_signature', 'The Stripe-Signature header does not match this payload, or it is too old.', 400)
  if (!eventShape.safeParse(event).success) throw new AppError('invalid_event', 'The payload is not a Stripe event.', 400)
  return event
}
