import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { readFileSync, rmSync } from 'node:fs'
import { setTimeout as sleep } from 'node:timers/promises'
import { expect, test } from '@playwright/test'
import { APP_PORT, E2E_METRICS_TOKEN } from '../playwright.config'
import { startForwardingProxy, type ForwardingProxy } from './forwarding-proxy'
import { signInAs } from './sign-in'

const CHECKS = ['authentication', 'current subscription', 'subscription discount', 'invoice preview', 'usage metrics', 'quota enforcement', 'webhook processing', 'grace-period tracking', 'audit log entries', 'dead-letter queue', 'invoice retrieval', 'billing details']

interface SmokeRun {
  code: number | null
  output: string
}

function smoke(baseUrl: string, args: string[], env: Record<string, string>): Promise<SmokeRun> {
  return new Promise((resolve) => {
    const child = spawn('node_modules/.bin/tsx', ['scripts/smoke.ts', '--base-url', baseUrl, ...args], { env: { ...process.env, ...env } })
    let output = ''
    child.stdout.on('data', (chunk) => (output += chunk))
    child.stderr.on('data', (chunk) => (output += chunk))
    child.on('exit', (code) => resolve({ code, output }))
  })
}

const lineOf = (run: SmokeRun, check: string) => run.output.split('\n').find((line) => new RegExp(`^ {2}\\w+ +\\d+\\. ${check} `).test(line)) ?? `(no line for ${check})`
const scrapeCounter = async (baseUrl: string, series: string) => {
  const text = await (await fetch(`${baseUrl}/api/metrics`, { headers: { authorization: `Bearer ${E2E_METRICS_TOKEN}` } })).text()
  return text.split('\n').filter((line) => line.startsWith(`${series} `) || line.startsWith(`${series}{`)).reduce((sum, line) => sum + Number(line.split(' ').at(-1)), 0)
}

// The deployment's APP_URL is http://localhost:3100; the suite reaches it at other addresses, as people do.
test.describe('the smoke suite against the production build', () => {
  test.describe.configure({ timeout: 120_000 })
  const env = { METRICS_TOKEN: E2E_METRICS_TOKEN, STRIPE_EMULATOR_URL: 'http://127.0.0.1:12199' }
  const atLoopbackIp = `http://127.0.0.1:${APP_PORT}`
  let proxy: ForwardingProxy
  test.beforeAll(async ({ baseURL }) => {
    proxy = await startForwardingProxy(baseURL!, 3192)
  })
  test.afterAll(() => proxy.close())

  test('passes its twelve checks as its own customer in test mode at 127.0.0.1 and behind a proxy, and refuses a live-mode key', async () => {
    for (const baseUrl of [atLoopbackIp, proxy.url]) {
      const run = await smoke(baseUrl, [], env)
      expect(run.code, run.output).toBe(0)
      for (const check of CHECKS) expect(lineOf(run, check)).toMatch(/^ {2}pass /)
      expect(run.output).toMatch(/smoke: 12 passed in/)
      expect(lineOf(run, 'subscription discount')).toContain('off forever (SAVE5), as in Stripe')
    }

    const live = await smoke(atLoopbackIp, [], { ...env, STRIPE_SECRET_KEY: 'sk_live_not_a_real_key' })
    expect(live.code).toBe(2)
    expect(live.output).toContain('live-mode key')
  })

  test('--production only reads: behind a proxy it passes, records no usage and sets off no Stripe event', async ({ baseURL, page }) => {
    await signInAs(page, 'smoke@example.com')
    const usageBefore = await (await page.request.get('/api/billing/usage')).json()
    const eventsBefore = await scrapeCounter(baseURL!, 'stripe_webhook_events_total')
    const previewsBefore = await scrapeCounter(baseURL!, 'billing_invoice_previews_total')
    const run = await smoke(proxy.url, ['--production'], env)
    expect(run.code, run.output).toBe(0)
    for (const check of ['health', 'metrics scrape', 'walls', 'forged webhook', 'current subscription', 'subscription discount', 'invoice preview', 'usage metrics', 'audit log entries', 'dead-letter queue', 'invoice retrieval', 'billing details']) {
      expect(lineOf(run, check)).toMatch(/^ {2}pass /)
    }
    expect(await (await page.request.get('/api/billing/usage')).json()).toEqual(usageBefore)
    // The one thing it asks for is a quote, which fixes a price for five minutes; nothing reaches Stripe's events.
    expect(await scrapeCounter(baseURL!, 'billing_invoice_previews_total')).toBe(previewsBefore + 1)
    expect(await scrapeCounter(baseURL!, 'stripe_webhook_events_total')).toBe(eventsBefore)
  })
})

// A second deployment on PostgreSQL whose Stripe signs webhooks with a secret the app was not given.
test.describe('the smoke suite when a part is broken', () => {
  test.describe.configure({ timeout: 240_000 })
  const PORT = 3102
  // Default settings (no trusted proxy), reached at an address that is not its APP_URL.
  const baseUrl = `http://127.0.0.1:${PORT}`
  const env = { METRICS_TOKEN: E2E_METRICS_TOKEN, STRIPE_EMULATOR_URL: 'http://127.0.0.1:12197', SMOKE_WEBHOOK_TIMEOUT_MS: '10000' }
  const ctlFile = '.data/e2e-smoke-pg-ctl'
  let stack: ChildProcess | undefined

  test.beforeAll(async () => {
    test.setTimeout(180_000)
    rmSync('.data/e2e-smoke', { recursive: true, force: true })
    rmSync(ctlFile, { force: true })
    stack = spawn('scripts/with-postgres.sh', ['--as-app-database', 'sh', '-c', `printf %s "$TEST_DATABASE_PG_CTL" > ${ctlFile}; exec node_modules/.bin/tsx scripts/start.ts`], {
      detached: true,
      stdio: ['ignore', 'ignore', 'pipe'],
      env: {
        ...process.env,
        PORT: String(PORT),
        DATA_DIR: '.data/e2e-smoke',
        STRIPE_EMULATOR_URL: env.STRIPE_EMULATOR_URL,
        STRIPE_WEBHOOK_SECRET: 'whsec_the_secret_the_app_was_given',
        STRIPE_EMULATOR_WEBHOOK_SECRET: 'whsec_a_rolled_secret_nobody_told_the_app',
        METRICS_TOKEN: E2E_METRICS_TOKEN,
        CRON_SECRET: 'smoke-failure-cron-secret',
        AUDIT_HASH_KEY: 'smoke-failure-audit-hash-key-0123456789abcdef',
        JOB_SCHEDULER: 'external',
        LOG_LEVEL: 'error',
      },
    })
    let errors = ''
    let exited = false
    stack.stderr!.on('data', (chunk) => (errors += chunk))
    stack.on('exit', () => (exited = true))
    for (let tries = 0; tries < 600 && !exited; tries++) {
      if (await fetch(`${baseUrl}/api/health`).then((response) => response.ok, () => false)) return
      await sleep(200)
    }
    // Needs a PostgreSQL server: without one the test command leaves this describe out and says so.
    throw new Error(`the second deployment did not start:\n${errors.slice(-2000)}`)
  })

  test.afterAll(async () => {
    if (stack?.pid && stack.exitCode === null) process.kill(-stack.pid, 'SIGTERM')
    await sleep(1000)
  })

  test('fails naming the check: webhook processing when the signing secret is wrong, then every check once the database is stopped', async () => {
    const wrongSecret = await smoke(baseUrl, [], env)
    expect(wrongSecret.code, wrongSecret.output).toBe(1)
    expect(lineOf(wrongSecret, 'webhook processing')).toMatch(/^ {2}FAIL .*was not processed within 10 s \(not stored\).*STRIPE_WEBHOOK_SECRET/)
    for (const check of ['authentication', 'current subscription', 'usage metrics', 'quota enforcement']) expect(lineOf(wrongSecret, check)).toMatch(/^ {2}pass /)

    const pgCtl = readFileSync(ctlFile, 'utf8').trim().split(' ')
    expect(spawnSync(pgCtl[0]!, [...pgCtl.slice(1), '-m', 'fast', 'stop']).status).toBe(0)
    const databaseDown = await smoke(baseUrl, [], env)
    expect(databaseDown.code).toBe(1)
    expect(lineOf(databaseDown, 'authentication')).toMatch(/^ {2}FAIL /)
    const production = await smoke(baseUrl, ['--production'], env)
    expect(production.code).toBe(1)
    expect(lineOf(production, 'health')).toMatch(/^ {2}FAIL .*GET \/api\/health answered 503.*unreachable/)
  })
})
