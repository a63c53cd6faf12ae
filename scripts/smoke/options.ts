// What `npm run smoke` is told: the deployment, the mode, and the credentials, from arguments and settings.
import { parseArgs } from 'node:util'

export interface Credentials {
  /** A `Cookie` header of a signed-in session, used as given. */
  cookie?: string
  /** Otherwise the suite signs in through the sign-in page: with a password, or as a demo account by email. */
  email?: string
  password?: string
}

export interface SmokeOptions {
  baseUrl: URL
  production: boolean
  customer: Credentials
  admin: Credentials
  metricsToken?: string
  /** Test-mode Stripe for the checks that watch a webhook go by; without a key, the deployment's emulator. */
  stripeSecretKey?: string
  stripeEmulatorUrl: string
  webhookTimeoutMs: number
}

export class SmokeUsageError extends Error {}

const USAGE = `usage: npm run smoke -- --base-url URL [--production]

Settings (environment):
  SMOKE_CUSTOMER_COOKIE | SMOKE_CUSTOMER_EMAIL [+ SMOKE_CUSTOMER_PASSWORD]   the customer the checks act as
  SMOKE_ADMIN_COOKIE    | SMOKE_ADMIN_EMAIL    [+ SMOKE_ADMIN_PASSWORD]      an admin, for the admin reads
  METRICS_TOKEN          the deployment's metrics token (health details, the metrics scrape)
  STRIPE_SECRET_KEY      a test-mode key (never a live one) for watching the smoke customer's webhooks
  STRIPE_EMULATOR_URL    the emulator the deployment uses when it has no Stripe key
In demo mode the suite signs in as smoke@example.com and admin@example.com unless told otherwise.`

const credentials = (env: NodeJS.ProcessEnv, who: 'CUSTOMER' | 'ADMIN', demoEmail: string): Credentials => ({
  cookie: env[`SMOKE_${who}_COOKIE`] || undefined,
  email: env[`SMOKE_${who}_EMAIL`] || demoEmail,
  password: env[`SMOKE_${who}_PASSWORD`] || undefined,
})

export function parseSmokeOptions(argv: string[], env: NodeJS.ProcessEnv): SmokeOptions {
  let values: { 'base-url'?: string; production?: boolean; help?: boolean }
  try {
    values = parseArgs({ args: argv, options: { 'base-url': { type: 'string' }, production: { type: 'boolean' }, help: { type: 'boolean' } } }).values
  } catch (error) {
    throw new SmokeUsageError(`${(error as Error).message}\n\n${USAGE}`)
  }
  if (values.help || !values['base-url']) throw new SmokeUsageError(USAGE)
  let baseUrl: URL
  try {
    baseUrl = new URL(values['base-url'])
  } catch {
    throw new SmokeUsageError(`--base-url ${values['base-url']} is not a URL\n\n${USAGE}`)
  }
  const stripeSecretKey = env.STRIPE_SECRET_KEY || undefined
  const production = values.production ?? false
  if (!production && stripeSecretKey && /^(sk|rk)_live_/.test(stripeSecretKey)) {
    throw new SmokeUsageError('STRIPE_SECRET_KEY is a live-mode key: the smoke suite writes only in test mode. Use a test key, or --production for the read-only checks.')
  }
  return {
    baseUrl,
    production,
    customer: credentials(env, 'CUSTOMER', 'smoke@example.com'),
    admin: credentials(env, 'ADMIN', 'admin@example.com'),
    metricsToken: env.METRICS_TOKEN || undefined,
    stripeSecretKey,
    stripeEmulatorUrl: env.STRIPE_EMULATOR_URL || 'http://127.0.0.1:12111',
    webhookTimeoutMs: Number(env.SMOKE_WEBHOOK_TIMEOUT_MS ?? 30_000),
  }
}
