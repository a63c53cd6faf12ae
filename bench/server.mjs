// What the benchmarks share: the production app's settings, the builds, a server's lifetime, number format.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { setTimeout as sleep } from 'node:timers/promises'

export const SECRET = 'whsec_bench_signing_secret'

export const env = {
  ...process.env,
  NEXT_TELEMETRY_DISABLED: '1',
  BENCH_WEBHOOK_SECRET: SECRET,
  STRIPE_WEBHOOK_SECRET: SECRET,
  LOG_LEVEL: 'info',
  AUDIT_HASH_KEY: 'bench-audit-hash-key-0123456789abcdef',
}

export const bin = (name) => `node_modules/.bin/${name}`

export function runOrFail(command, args) {
  const result = spawnSync(command, args, { stdio: 'inherit', env })
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed`)
}

export async function waitForPort(url) {
  for (let tries = 0; tries < 300; tries++) {
    try {
      await fetch(url, { method: 'POST', body: '{}' })
      return
    } catch {
      await sleep(100)
    }
  }
  throw new Error(`${url} did not come up`)
}

/** The app's production build and the minimal Next.js floor's, made when missing. */
export function ensureBuilds() {
  if (!existsSync('.next/BUILD_ID')) runOrFail(bin('next'), ['build'])
  if (!existsSync('bench/webhook-ingest/next-floor/.next/BUILD_ID')) runOrFail(bin('next'), ['build', 'bench/webhook-ingest/next-floor'])
}

/** Starts a server, waits until `url` answers, runs `work` against it, and stops the server whatever happens. */
export async function withServer(start, url, work) {
  const server = start()
  try {
    await waitForPort(url)
    return await work()
  } finally {
    server.kill('SIGTERM')
    await sleep(300)
  }
}

export const format = (value, digits = 1) => value.toFixed(digits).padStart(8)

/** Waits until `url` answers anything below 500 (a page that needs a session may answer 401 or redirect). */
export async function waitForAnswer(url) {
  for (let tries = 0; tries < 600; tries++) {
    try {
      if ((await fetch(url)).status < 500) return
    } catch {
      // not listening yet
    }
    await sleep(100)
  }
  throw new Error(`${url} did not come up`)
}

/** The middle of a few figures (the upper middle of an even count). */
export const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]

/** The p-th percentile of times sorted ascending (nearest rank). */
export const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]

/** Milliseconds from `since` until none of the events whose ids start with `prefix` waits to be applied. */
export async function allApplied(client, since, prefix) {
  for (;;) {
    const { rows } = await client.query(`select count(*)::int as n from public.webhook_events where id like $1 and status in ('received', 'processing')`, [`${prefix}%`])
    if (rows[0].n === 0) return performance.now() - since
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}
