import 'server-only'
import Stripe from 'stripe'
import { env } from '@/lib/env'

export const EMULATOR_API_KEY = 'sk_test_local_emulator'

/** The real Stripe SDK; without a configured key it talks to the local emulator instead of api.stripe.com. */
export function createStripeClient(options: { secretKey?: string; emulatorUrl?: string } = {}): Stripe {
  const secretKey = options.secretKey ?? env.STRIPE_SECRET_KEY
  if (secretKey) return new Stripe(secretKey, { maxNetworkRetries: 2 })
  const emulator = new URL(options.emulatorUrl ?? env.STRIPE_EMULATOR_URL)
  return new Stripe(EMULATOR_API_KEY, {
    host: emulator.hostname,
    port: emulator.port || (emulator.protocol === 'https:' ? 443 : 80),
    protocol: emulator.protocol === 'https:' ? 'https' : 'http',
    maxNetworkRetries: 2,
  })
}

const globalSlot = globalThis as typeof globalThis & { __billingStripe?: Stripe }

export function getStripe(): Stripe {
  globalSlot.__billingStripe ??= createStripeClient()
  return globalSlot.__billingStripe
}

/** Tests point the app at an emulator of their own. */
export function setStripe(stripe: Stripe): void {
  globalSlot.__billingStripe = stripe
}
