// Starts the app the way `npm run dev` and `npm start` promise: the local Stripe emulator when no Stripe
// key is configured, migrations (and demo data on the emulator), then Next.js. Ctrl-C stops everything.
import { spawn } from 'node:child_process'
import { setTimeout as sleep } from 'node:timers/promises'

const EMULATOR_WEBHOOK_SECRET = 'whsec_local_emulator_secret'
const children = new Set()

function run(command, args, env, options = {}) {
  const child = spawn(command, args, { stdio: 'inherit', env: { ...process.env, ...env }, ...options })
  children.add(child)
  child.on('exit', () => children.delete(child))
  return child
}

function runToEnd(command, args, env) {
  return new Promise((resolve, reject) => {
    run(command, args, env).on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${args.join(' ')} exited with ${code}`))))
  })
}

async function waitForEmulator(url, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${url}/_emulator/health`)).ok) return
    } catch {
      // not listening yet
    }
    await sleep(200)
  }
  throw new Error(`the Stripe emulator did not start at ${url}`)
}

function stopAll(code) {
  for (const child of children) child.kill('SIGTERM')
  process.exit(code)
}

export async function startStack(mode) {
  process.on('SIGINT', () => stopAll(130))
  process.on('SIGTERM', () => stopAll(143))
  const port = process.env.PORT ?? '3000'
  const dataDir = process.env.DATA_DIR ?? '.data'
  const env = { PORT: port, DATA_DIR: dataDir, APP_URL: process.env.APP_URL ?? `http://localhost:${port}` }
  const tsx = ['node_modules/.bin/tsx', ['--conditions=react-server']]

  if (!process.env.STRIPE_SECRET_KEY) {
    const emulatorPort = process.env.STRIPE_EMULATOR_PORT ?? '12111'
    const emulatorUrl = `http://localhost:${emulatorPort}`
    env.STRIPE_EMULATOR_URL = emulatorUrl
    run(tsx[0], ['stripe-emulator/src/main.ts'], {
      STRIPE_EMULATOR_PORT: emulatorPort,
      STRIPE_EMULATOR_DATA_DIR: `${dataDir}/stripe-emulator`,
      STRIPE_EMULATOR_WEBHOOK_URL: `http://localhost:${port}/api/webhooks/stripe`,
      STRIPE_EMULATOR_WEBHOOK_SECRET: EMULATOR_WEBHOOK_SECRET,
    }).on('exit', (code) => code !== 0 && code !== null && stopAll(code))
    await waitForEmulator(emulatorUrl)
    await runToEnd(tsx[0], [...tsx[1], 'scripts/seed.ts'], env)
  } else {
    await runToEnd(tsx[0], [...tsx[1], 'scripts/migrate.ts'], env)
  }

  const next = run('node_modules/.bin/next', [mode, '--port', port], env)
  next.on('exit', (code) => stopAll(code ?? 0))
  const appUrl = `http://localhost:${port}`
  if (mode === 'dev') scheduleCron(appUrl)
  if (env.STRIPE_EMULATOR_URL) await releaseWaitingWebhooks(appUrl, env.STRIPE_EMULATOR_URL)
}

// Events the seed recorded were refused while the app was starting; once it listens, deliver them at once
// rather than after the emulator's backoff.
async function releaseWaitingWebhooks(appUrl, emulatorUrl) {
  for (let tries = 0; tries < 600; tries++) {
    try {
      await fetch(`${appUrl}/api/health`)
      await fetch(`${emulatorUrl}/_emulator/deliveries/retry`, { method: 'POST' })
      return
    } catch {
      await sleep(200)
    }
  }
}

// Stands in for Vercel Cron during development (vercel.json holds the production schedule).
function scheduleCron(appUrl) {
  const headers = process.env.CRON_SECRET ? { authorization: `Bearer ${process.env.CRON_SECRET}` } : {}
  setInterval(() => {
    fetch(`${appUrl}/api/cron/webhook-retry`, { headers }).catch(() => undefined)
  }, 5 * 60_000).unref()
}
