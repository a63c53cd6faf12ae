// npm run bench:billing-page – /billing on the production build and PostgreSQL for a customer with 500 invoices
// and 12 months of usage: the first-load JS of the page (gzipped) and the server time of the page (p50, p95).
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { gzipSync } from 'node:zlib'
import { SignJWT } from 'jose'
import pg from 'pg'
import Stripe from 'stripe'
import { bin, env as baseEnv, percentile, runOrFail, waitForAnswer } from '../server.mjs'

const USER_ID = '00000000-0000-4000-8000-0000000b2b01'
const EMAIL = 'billing-page@bench.example'
const INVOICES = 500
const MONTHS = 12
const WARMUP = Number(process.env.BENCH_WARMUP ?? 30)
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 300)
const APP_PORT = 3321
const EMULATOR_PORT = 12_321
const SESSION_SECRET = 'bench-demo-session-secret-0123456789abcdef'
const databaseUrl = process.env.DATABASE_URL
if (!databaseUrl) throw new Error('run through scripts/with-postgres.sh --as-app-database (npm run bench:billing-page)')

const emulatorUrl = `http://127.0.0.1:${EMULATOR_PORT}`
const env = { ...baseEnv, STRIPE_EMULATOR_URL: emulatorUrl, DEMO_SESSION_SECRET: SESSION_SECRET, LOG_LEVEL: 'warn', APP_URL: `http://127.0.0.1:${APP_PORT}` }
const DAY = 86_400_000


/** The customer in Stripe (the emulator) with a card on file, as the page reads it from there. */
async function prepareStripe() {
  const stripe = new Stripe('sk_test_bench', { host: '127.0.0.1', port: EMULATOR_PORT, protocol: 'http' })
  const customer = await stripe.customers.create({ email: EMAIL })
  const card = await stripe.paymentMethods.attach('pm_card_visa', { customer: customer.id })
  await stripe.customers.update(customer.id, { invoice_settings: { default_payment_method: card.id } })
  return customer.id
}

/** A paying customer with 500 invoices (one a week, going back ten years) and a year of monthly usage. */
async function prepareDatabase(client, customerId) {
  const now = Date.now()
  await client.query(`insert into auth.users (id, email) values ($1, $2) on conflict do nothing`, [USER_ID, EMAIL])
  await client.query(`delete from public.customers where user_id = $1`, [USER_ID])
  await client.query(`insert into public.customers (user_id, stripe_customer_id, email) values ($1, $2, $3)`, [USER_ID, customerId, EMAIL])
  await client.query(`insert into public.products (id, name, metadata) values ('prod_bench_page', 'Scale', '{"self_serve":"true","quota_api_calls":"1000000","quota_seats":"50"}') on conflict do nothing`)
  await client.query(`insert into public.prices (id, product_id, currency, unit_amount, recurring_interval) values ('price_bench_page', 'prod_bench_page', 'usd', 9900, 'month') on conflict do nothing`)
  await client.query(
    `insert into public.subscriptions (id, user_id, stripe_customer_id, status, price_id, item_id, current_period_start, current_period_end, created_at)
     values ('sub_bench_page', $1, $2, 'active', 'price_bench_page', 'si_bench_page', $3, $4, $5) on conflict do nothing`,
    [USER_ID, customerId, new Date(now - 10 * DAY), new Date(now + 20 * DAY), new Date(now - 3650 * DAY)],
  )
  await client.query(
    `insert into public.invoices (id, user_id, stripe_customer_id, subscription_id, number, status, currency, total, amount_due, amount_paid,
                                  stripe_created_at, hosted_invoice_url, invoice_pdf)
     select 'in_bench_page_' || n, $1, $2, 'sub_bench_page', 'BENCH-' || lpad(n::text, 4, '0'), 'paid', 'usd', 9900, 9900, 9900,
            $3::timestamptz - n * interval '7 days', $4 || n, $4 || n || '/pdf'
       from generate_series(1, $5::int) as n
     on conflict do nothing`,
    [USER_ID, customerId, new Date(now - 10 * DAY), `${emulatorUrl}/_emulator/invoices/in_bench_page_`, INVOICES],
  )
  for (let month = 0; month < MONTHS; month++) {
    const start = new Date(now - 10 * DAY - month * 30 * DAY)
    for (const [metric, used] of [['api_calls', 120_000 + month * 1_000], ['seats', 12]]) {
      await client.query(`insert into public.usage_totals (user_id, metric, period_start, used) values ($1, $2, $3, $4) on conflict do nothing`, [USER_ID, metric, start, used])
    }
  }
  const { rows } = await client.query(`insert into public.demo_sessions (user_id, created_at, expires_at) values ($1, now(), now() + interval '8 hours') returning id`, [USER_ID])
  const token = await new SignJWT({ email: EMAIL, role: 'authenticated', app_metadata: {}, session_id: rows[0].id, is_demo: true })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(USER_ID)
    .setAudience('authenticated')
    .setIssuedAt()
    .setExpirationTime('8h')
    .sign(new TextEncoder().encode(SESSION_SECRET))
  return `billing_demo_session=${token}`
}

function firstLoadJs(route) {
  const stats = JSON.parse(readFileSync('.next/diagnostics/route-bundle-stats.json', 'utf8'))
  const entry = stats.find((candidate) => candidate.route === route)
  if (!entry) throw new Error(`${route} is not in next build's route statistics`)
  return { raw: entry.firstLoadUncompressedJsBytes, gzipped: entry.firstLoadChunkPaths.reduce((sum, file) => sum + gzipSync(readFileSync(file)).length, 0) }
}

/** Sequential requests, each timed to the last byte of the streamed page. */
async function timePage(url, cookie, count) {
  const times = []
  let bytes = 0
  for (let i = 0; i < count; i++) {
    const started = performance.now()
    const response = await fetch(url, { headers: { cookie }, redirect: 'manual' })
    const html = await response.text()
    times.push(performance.now() - started)
    bytes = Buffer.byteLength(html)
    if (response.status !== 200 || !html.includes('BENCH-0001')) throw new Error(`/billing answered ${response.status} without the invoices`)
  }
  return { times: times.sort((a, b) => a - b), bytes }
}


async function main() {
  if (!existsSync('.next/BUILD_ID')) runOrFail(bin('next'), ['build'])
  runOrFail(bin('tsx'), ['--conditions=react-server', 'scripts/migrate.ts'])
  const emulatorData = mkdtempSync(path.join(tmpdir(), 'bench-billing-page-'))
  const emulator = spawn(bin('tsx'), ['stripe-emulator/src/main.ts'], { env: { ...env, STRIPE_EMULATOR_PORT: String(EMULATOR_PORT), STRIPE_EMULATOR_DATA_DIR: emulatorData }, stdio: 'ignore' })
  let app
  const client = new pg.Client({ connectionString: databaseUrl })
  try {
    await waitForAnswer(`${emulatorUrl}/_emulator/health`)
    await client.connect()
    const cookie = await prepareDatabase(client, await prepareStripe())
    app = spawn(bin('next'), ['start', '-p', String(APP_PORT)], { env, stdio: 'ignore' })
    const url = `http://127.0.0.1:${APP_PORT}/billing`
    await waitForAnswer(`http://127.0.0.1:${APP_PORT}/api/health`)
    await timePage(url, cookie, WARMUP)
    const { times, bytes } = await timePage(url, cookie, REQUESTS)
    const js = firstLoadJs('/billing')
    console.log(`\n/billing for a customer with ${INVOICES} invoices and ${MONTHS} months of usage (PostgreSQL, production build, ${REQUESTS} sequential requests after ${WARMUP} warm-up)`)
    console.log(`first-load JS:  ${(js.raw / 1024).toFixed(1)} KiB, ${(js.gzipped / 1024).toFixed(1)} KiB gzipped (aim <= 180 kB gzipped)`)
    console.log(`page size:      ${(bytes / 1024).toFixed(1)} KiB of HTML (uncompressed)`)
    console.log(`server time:    p50 ${percentile(times, 50).toFixed(1)} ms, p95 ${percentile(times, 95).toFixed(1)} ms, max ${times.at(-1).toFixed(1)} ms (aim p95 <= 100 ms)`)
  } finally {
    app?.kill('SIGTERM')
    emulator.kill('SIGTERM')
    await client.end().catch(() => {})
    await sleep(300)
    rmSync(emulatorData, { recursive: true, force: true })
  }
}

await main()
