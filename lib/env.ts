import { z } from 'zod'
import { parseOrigins, type AddressSettings } from './origins'

const optionalString = z.string().trim().optional()

const schema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    APP_URL: z.url().optional(),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    ALLOWED_ORIGINS: optionalString,
    TRUST_PROXY: z.stringbool().optional(),
    VERCEL: optionalString,
    DATA_DIR: z.string().default('.data'),
    DATABASE_URL: optionalString.pipe(z.url().optional()),
    STRIPE_SECRET_KEY: optionalString.pipe(z.string().startsWith('sk_').optional()),
    STRIPE_WEBHOOK_SECRET: optionalString,
    STRIPE_EMULATOR_URL: z.url().default('http://127.0.0.1:12111'),
    CRON_SECRET: optionalString,
    JOB_SCHEDULER: z.enum(['builtin', 'external']).default('builtin'),
    APP_RELEASE: optionalString,
    VERCEL_GIT_COMMIT_SHA: optionalString,
    DEAD_LETTER_RELEASE_RETRY: z.enum(['on', 'off']).default('on'),
    METRICS_TOKEN: optionalString,
    NEXT_PUBLIC_SUPABASE_URL: optionalString.pipe(z.url().optional()),
    NEXT_PUBLIC_SUPABASE_ANON_KEY: optionalString,
    NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY: optionalString,
    DEMO_SESSION_SECRET: optionalString.pipe(z.string().min(32, 'use at least 32 random characters').optional()),
    DEMO_SIGN_IN: z.stringbool().optional(),
    AUDIT_HASH_KEY: optionalString.pipe(z.string().min(32, 'use at least 32 random characters').optional()),
    GRACE_PERIOD_DAYS: z.coerce.number().int().min(1).max(60).default(7),
    GRACE_ENFORCEMENT: z.enum(['on', 'off']).default('on'),
    GRACE_CANCEL_SUBSCRIPTION: z.enum(['on', 'off']).default('off'),
    SMTP_URL: optionalString.pipe(z.url().optional()),
    SMTP_FROM: z.string().trim().min(3).default('Billing <billing@localhost>'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  })
  .superRefine((value, ctx) => {
    const supabaseKey = value.NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY ?? value.NEXT_PUBLIC_SUPABASE_ANON_KEY
    if (value.NEXT_PUBLIC_SUPABASE_URL && !supabaseKey) {
      ctx.addIssue({ code: 'custom', path: ['NEXT_PUBLIC_SUPABASE_ANON_KEY'], message: 'required with NEXT_PUBLIC_SUPABASE_URL' })
    }
    const { invalid } = parseOrigins(value.ALLOWED_ORIGINS)
    if (invalid.length > 0) {
      ctx.addIssue({ code: 'custom', path: ['ALLOWED_ORIGINS'], message: `not an origin (scheme://host[:port], nothing after it): ${invalid.join(', ')}` })
    }
    if (value.STRIPE_SECRET_KEY && !value.STRIPE_WEBHOOK_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['STRIPE_WEBHOOK_SECRET'], message: 'required with STRIPE_SECRET_KEY' })
    }
    if (value.DATABASE_URL && !value.AUDIT_HASH_KEY) {
      ctx.addIssue({ code: 'custom', path: ['AUDIT_HASH_KEY'], message: 'required with DATABASE_URL: the key the audit log chain is sealed with, kept outside the database' })
    }
    if (value.STRIPE_SECRET_KEY && !value.NEXT_PUBLIC_SUPABASE_URL) {
      const live = value.STRIPE_SECRET_KEY.startsWith('sk_live_')
      if (live || !value.DEMO_SIGN_IN) {
        ctx.addIssue({
          code: 'custom',
          path: ['STRIPE_SECRET_KEY'],
          message: live
            ? 'demo sign-in cannot run with a live Stripe key: configure Supabase Auth (NEXT_PUBLIC_SUPABASE_URL)'
            : 'this deployment talks to Stripe but has no Supabase Auth, so anyone could sign in as a seeded demo ' +
              'account: configure Supabase Auth (NEXT_PUBLIC_SUPABASE_URL), or set DEMO_SIGN_IN=on to choose demo sign-in',
        })
      }
    }
  })

export type Env = z.infer<typeof schema> & { APP_URL: string }

export function parseEnv(source: Record<string, string | undefined>): Env {
  // An empty value (as in a copied .env.example) means "not set".
  const present = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== undefined && value.trim() !== ''))
  const result = schema.safeParse(present)
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`).join('\n')
    throw new Error(`Invalid environment settings:\n${problems}`)
  }
  return { ...result.data, APP_URL: result.data.APP_URL ?? `http://localhost:${result.data.PORT}` }
}

export const env = parseEnv(process.env)

/**
 * The address rules (lib/http/addresses.ts): on Vercel a proxy always sets `X-Forwarded-Host`; elsewhere
 * TRUST_PROXY says so. APP_URL's origin is always the app's own.
 */
export function addressSettingsOf(settings: Env): AddressSettings {
  return {
    trustProxy: settings.TRUST_PROXY ?? settings.VERCEL !== undefined,
    allowedOrigins: new Set([new URL(settings.APP_URL).origin, ...parseOrigins(settings.ALLOWED_ORIGINS).origins]),
  }
}

export const addressSettings = addressSettingsOf(env)

/** Whether the Stripe account is in live mode; events of the other mode reached this deployment by mistake. */
export const stripeLivemode = /^(sk|rk)_live_/.test(env.STRIPE_SECRET_KEY ?? '')

/** The local emulator stands in for Stripe whenever no Stripe key is configured. */
export const usesStripeEmulator = !env.STRIPE_SECRET_KEY

/** Stripe's signing secrets (two while one is rolled); the start scripts give the emulator the first. */
export const webhookSecrets: string[] = (env.STRIPE_WEBHOOK_SECRET ?? '').split(',').map((secret) => secret.trim()).filter(Boolean)

export const supabaseAuth =
  env.NEXT_PUBLIC_SUPABASE_URL
    ? { url: env.NEXT_PUBLIC_SUPABASE_URL, key: (env.NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY ?? env.NEXT_PUBLIC_SUPABASE_ANON_KEY)! }
    : null

/** Demo mode: local sign-in with seeded accounts. With real Stripe only by DEMO_SIGN_IN, never live (refused above). */
export const isDemoMode = supabaseAuth === null
