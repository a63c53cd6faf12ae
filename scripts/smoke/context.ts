// What the checks share: one signed-in session per role (a failed sign-in fails every check that needs it),
// the run's start and id, and Stripe in test mode for watching webhooks.
import { randomBytes } from 'node:crypto'
import Stripe from 'stripe'
import { Client, signIn, type Answer } from './http'
import type { SmokeOptions } from './options'

export interface SmokeContext {
  options: SmokeOptions
  anonymous: Client
  /** GET /api/health, with its details when the metrics token is given. */
  health: () => Promise<Answer>
  customer: () => Promise<Client>
  admin: () => Promise<Client>
  stripe: () => Stripe
  runId: string
  startedAt: Date
}

function once<T>(make: () => Promise<T>): () => Promise<T> {
  let made: Promise<T> | undefined
  return () => (made ??= make())
}

function stripeFor(options: SmokeOptions): Stripe {
  if (options.stripeSecretKey) return new Stripe(options.stripeSecretKey)
  const emulator = new URL(options.stripeEmulatorUrl)
  return new Stripe('sk_test_smoke_suite', { host: emulator.hostname, port: emulator.port, protocol: emulator.protocol === 'https:' ? 'https' : 'http' })
}

export function createContext(options: SmokeOptions): SmokeContext {
  const anonymous = new Client(options.baseUrl)
  return {
    options,
    anonymous,
    health: () => anonymous.get('/api/health', options.metricsToken ? { authorization: `Bearer ${options.metricsToken}` } : {}),
    customer: once(() => signIn(options.baseUrl, options.customer)),
    admin: once(() => signIn(options.baseUrl, options.admin)),
    stripe: () => stripeFor(options),
    runId: `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`,
    startedAt: new Date(),
  }
}
