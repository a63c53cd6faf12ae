import type Stripe from 'stripe'
import { setDatabase } from '@/lib/db/client'
import type { Database } from '@/lib/db/types'
import { seedDemo } from '@/lib/demo/seed'
import { createStripeClient, setStripe } from '@/lib/stripe/client'
import { receiveWebhook } from '@/lib/webhooks/receive'
import { createTestDatabase } from '@/test/database'
import { signPayload } from '@/test/stripe-objects'
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '@/stripe-emulator/src/server'

/** A Stripe emulator of the test's own, with the app's Stripe client pointed at it. */
export async function startTestEmulator(options: EmulatorOptions = {}): Promise<{ emulator: RunningEmulator; stripe: Stripe }> {
  const emulator = await startEmulator({ port: 0, ...options })
  const stripe = createStripeClient({ emulatorUrl: emulator.url })
  setStripe(stripe)
  return { emulator, stripe }
}

/** Every event the emulator recorded since `since` (unix seconds), oldest first. */
export async function listEventsOldestFirst(stripe: Stripe, since = 0): Promise<Stripe.Event[]> {
  const events: Stripe.Event[] = []
  for await (const event of stripe.events.list({ limit: 100, created: { gte: since } })) events.push(event)
  return events.reverse()
}

export async function waitForDeliveries(emulator: RunningEmulator, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    const { pending } = (await (await fetch(`${emulator.url}/_emulator/deliveries/pending`)).json()) as { pending: number }
    if (pending === 0) return
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
  throw new Error('the emulator still has webhook deliveries pending')
}

/** Delivers every event the emulator recorded and not yet delivered, oldest first, through the real receiver. */
export function eventForwarder(stripe: Stripe) {
  const delivered = new Set<string>()
  return async function deliverEvents(): Promise<void> {
    for (const event of await listEventsOldestFirst(stripe)) {
      if (delivered.has(event.id)) continue
      const body = JSON.stringify(event)
      await receiveWebhook(body, signPayload(body))
      delivered.add(event.id)
    }
  }
}

export interface SeededStack {
  db: Database
  stripe: Stripe
  emulator: RunningEmulator
  /** Delivers the events recorded since the last call through the real receiver. */
  deliverEvents: () => Promise<void>
  close: () => Promise<void>
}

/** A fresh database and emulator with the demo catalogue and accounts seeded, their events delivered. */
export async function startSeededStack(): Promise<SeededStack> {
  const db = await createTestDatabase()
  setDatabase(db)
  const { emulator, stripe } = await startTestEmulator()
  const deliverEvents = eventForwarder(stripe)
  await seedDemo(stripe)
  await deliverEvents()
  return {
    db,
    stripe,
    emulator,
    deliverEvents,
    close: async () => {
      await emulator.close()
      await db.close()
    },
  }
}
