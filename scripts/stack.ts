// Starts the app the way `npm run dev` and `npm start` promise: the local Stripe emulator when no Stripe
// key is configured, migrations (and demo data on the emulator), then Next.js. Ctrl-C stops everything.
// Settings are parsed by lib/env.ts first, so a deployment that must not start stops here with the reason.
import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import { env, usesStripeEmulator, webhookSecrets } from '../lib/env'
import { JOBS, nextRunAt } from '../lib/jobs/registry'

type Env = Record<string, string>
const children = new Set<ChildProcess>()
const TSX = 'node_modules/.bin/tsx'

function run(command: string, args: string[], extraEnv: Env): ChildProcess {
  const child = spawn(command, args, { stdio: 'inherit', env: { ...process.env, ...extraEnv } })
  children.add(child)
  child.on('exit', () => children.delete(child))
  return child
}

function runToEnd(command: string, args: string[], extraEnv: Env): Promise<void> {
  return new Promise((resolve, reject) => {
    run(command, args, extraEnv).on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${args.join(' ')} exited with ${code}`))))
  })
}

async function waitFor(url: string, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return
    } catch {
      // not listening yet
    }
    await sleep(200)
  }
  throw new Error(`${what} did not start at ${url}`)
}

function stopAll(code: number): never {
  for (const child of children) child.kill('SIGTERM')
  process.exit(code)
}

/** Starts the emulator signing with the secret the app verifies with; returns the settings the app needs. */
async function startEmulator(appUrl: string): Promise<Env> {
  const url = new URL(env.STRIPE_EMULATOR_URL)
  // A secret for this run when none is configured: the emulator signs each delivery as it sends it.
  // STRIPE_EMULATOR_WEBHOOK_SECRET makes it sign with another, as Stripe does after a secret is rolled.
  const webhookSecret = process.env.STRIPE_EMULATOR_WEBHOOK_SECRET || webhookSecrets[0] || `whsec_${randomBytes(24).toString('hex')}`
  run(TSX, ['stripe-emulator/src/main.ts'], {
    STRIPE_EMULATOR_HOST: url.hostname,
    STRIPE_EMULATOR_PORT: url.port || '80',
    STRIPE_EMULATOR_DATA_DIR: `${env.DATA_DIR}/stripe-emulator`,
    STRIPE_EMULATOR_WEBHOOK_URL: `${appUrl}/api/webhooks/stripe`,
    STRIPE_EMULATOR_WEBHOOK_SECRET: webhookSecret,
  }).on('exit', (code) => code !== 0 && code !== null && stopAll(code))
  await waitFor(`${url.origin}/_emulator/health`, 'the Stripe emulator', 30_000)
  return webhookSecrets.length > 0 ? {} : { STRIPE_WEBHOOK_SECRET: webhookSecret }
}

export async function startStack(mode: 'dev' | 'start'): Promise<void> {
  process.on('SIGINT', () => stopAll(130))
  process.on('SIGTERM', () => stopAll(143))
  const port = String(env.PORT)
  const appUrl = `http://127.0.0.1:${port}`
  let appEnv: Env = { PORT: port, DATA_DIR: env.DATA_DIR, APP_URL: env.APP_URL }

  if (usesStripeEmulator) {
    appEnv = { ...appEnv, ...(await startEmulator(appUrl)) }
    await runToEnd(TSX, ['--conditions=react-server', 'scripts/seed.ts'], appEnv)
  } else {
    await runToEnd(TSX, ['--conditions=react-server', 'scripts/migrate.ts'], appEnv)
  }

  const next = run('node_modules/.bin/next', [mode, '--port', port], appEnv)
  next.on('exit', (code) => stopAll(code ?? 0))
  if (env.JOB_SCHEDULER === 'builtin') scheduleJobs(appUrl, mode)
  if (usesStripeEmulator) await releaseWaitingWebhooks(appUrl)
}

// Events the seed recorded were refused while the app was starting; once it listens, deliver them at once
// rather than after the emulator's backoff.
async function releaseWaitingWebhooks(appUrl: string): Promise<void> {
  await waitFor(`${appUrl}/api/health`, 'the app', 120_000).catch(() => undefined)
  await fetch(`${new URL(env.STRIPE_EMULATOR_URL).origin}/_emulator/deliveries/retry`, { method: 'POST' }).catch(() => undefined)
}

const HOUR_MS = 60 * 60_000

/**
 * Runs the registry's jobs on their schedules by calling their routes, so a plain self-hosted deployment
 * retries webhooks with nothing else set up (JOB_SCHEDULER=external when Vercel Cron, Kubernetes or pg_cron
 * calls them instead). In development the daily grace job also runs hourly, so a demo's moved clock shows soon.
 */
function scheduleJobs(appUrl: string, mode: 'dev' | 'start'): void {
  const headers: Record<string, string> = env.CRON_SECRET ? { authorization: `Bearer ${env.CRON_SECRET}` } : {}
  for (const job of JOBS) {
    const call = () => fetch(`${appUrl}${job.path}`, { headers }).catch(() => undefined)
    const plan = () => {
      const next = mode === 'dev' ? Math.min(nextRunAt(job.schedule, new Date()).getTime(), Date.now() + HOUR_MS) : nextRunAt(job.schedule, new Date()).getTime()
      setTimeout(() => void call().finally(plan), Math.max(1000, next - Date.now())).unref()
    }
    plan()
  }
}
